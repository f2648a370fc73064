# Writes helm/attention-qa-worker/values.schema.json: types written here, descriptions copied from the ## @param lines.
# Usage: python3 helm/values-schema.py helm/attention-qa-worker  (HelmChartTest fails when the two drift apart)
import copy, json, re, sys
chart = sys.argv[1]
desc = {}
for line in open(chart + '/values.yaml'):
    m = re.match(r'\s*## @param (\S+) (.*)', line)
    if m: desc[m.group(1)] = m.group(2).strip()

def S(**kw): return kw
STR = lambda **k: S(type='string', **k)
INT = lambda **k: S(type='integer', **k)
BOOL = lambda **k: S(type='boolean', **k)
OBJ_FREE = lambda **k: S(type='object', **k)
ARR = lambda items=None, **k: S(type='array', **({'items': items} if items else {}), **k)
QTY = S(type='string', pattern=r'^[0-9]+(\.[0-9]+)?(m|k|Ki|Mi|Gi|Ti|M|G|T)?$')
INT_OR_PCT = S(oneOf=[S(type='integer', minimum=0), S(type='string', pattern=r'^([0-9]+%?)?$')])
PORT = INT(minimum=1, maximum=65535)
NAME = STR(pattern=r'^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$', maxLength=253)
OPT_NAME = STR(pattern=r'^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$', maxLength=253)
DURATION = STR(pattern=r'^[0-9]+(ms|s|m|h)$')

def obj(**props): return S(type='object', additionalProperties=False, properties=props)

def probe(startup=False):
    p = dict(enabled=BOOL(), periodSeconds=INT(minimum=1), timeoutSeconds=INT(minimum=1), failureThreshold=INT(minimum=1))
    if startup: p['initialDelaySeconds'] = INT(minimum=0)
    return obj(**p)

secctx_container = obj(enabled=BOOL(), runAsNonRoot=BOOL(), runAsUser=INT(minimum=1), runAsGroup=INT(minimum=1),
    privileged=BOOL(), allowPrivilegeEscalation=BOOL(), readOnlyRootFilesystem=BOOL(),
    capabilities=obj(drop=ARR(STR())), seccompProfile=obj(type=STR(enum=['RuntimeDefault', 'Localhost'])))
secctx_pod = obj(enabled=BOOL(), runAsNonRoot=BOOL(), runAsUser=INT(minimum=1), runAsGroup=INT(minimum=1),
    fsGroup=INT(minimum=1), seccompProfile=obj(type=STR(enum=['RuntimeDefault', 'Localhost'])))
autoscaler = lambda **extra: obj(enabled=BOOL(), minReplicas=INT(minimum=0), maxReplicas=INT(minimum=1), **extra)

values = obj(
    nameOverride=STR(maxLength=63), fullnameOverride=STR(maxLength=63),
    commonLabels=OBJ_FREE(additionalProperties=STR()), commonAnnotations=OBJ_FREE(additionalProperties=STR()),
    image=obj(registry=STR(), repository=STR(minLength=1), tag=STR(), digest=STR(pattern=r'^(sha256:[a-f0-9]{64})?$'),
              pullPolicy=STR(enum=['Always', 'IfNotPresent', 'Never']), pullSecrets=ARR(NAME)),
    replicaCount=INT(minimum=0), revisionHistoryLimit=INT(minimum=0),
    args=ARR(STR(), minItems=1),
    resources=obj(requests=obj(cpu=QTY, memory=QTY), limits=obj(cpu=S(type='string', pattern=r'^([0-9]+(\.[0-9]+)?m?)?$'), memory=QTY)),
    podSecurityContext=secctx_pod, containerSecurityContext=secctx_container,
    jvm=obj(maxRamPercentage=INT(minimum=10, maximum=90), extraOptions=STR()),
    cache=obj(javacppSizeLimit=QTY, djlSizeLimit=QTY, tmpSizeLimit=QTY, medium=STR(enum=['', 'Memory'])),
    startupProbe=probe(True), readinessProbe=probe(), livenessProbe=probe(),
    terminationGracePeriodSeconds=INT(minimum=0),
    podLabels=OBJ_FREE(additionalProperties=STR()), podAnnotations=OBJ_FREE(additionalProperties=STR()),
    nodeSelector=OBJ_FREE(additionalProperties=STR()), tolerations=ARR(OBJ_FREE()), affinity=OBJ_FREE(),
    topologySpreadConstraints=ARR(OBJ_FREE()), priorityClassName=STR(),
    extraEnv=ARR(S(type='object', required=['name'], properties=dict(name=STR(pattern=r'^[A-Za-z_][A-Za-z0-9_]*$')))),
    extraVolumes=ARR(S(type='object', required=['name'])), extraVolumeMounts=ARR(S(type='object', required=['name', 'mountPath'])),
    engine=obj(intraOpThreads=INT(minimum=1, maximum=256), interOpThreads=INT(minimum=1, maximum=256)),
    kafka=obj(bootstrapServers=STR(pattern=r'^[^,\s]+:[0-9]+(,[^,\s]+:[0-9]+)*$'), groupId=STR(minLength=1),
        topics=obj(requests=STR(pattern=r'^[a-zA-Z0-9._-]{1,249}$'), answers=STR(pattern=r'^[a-zA-Z0-9._-]{1,249}$'),
                   deadLetters=STR(pattern=r'^[a-zA-Z0-9._-]{1,249}$'), requestsPartitions=INT(minimum=1)),
        securityProtocol=STR(enum=['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL']),
        sasl=obj(mechanism=STR(enum=['SCRAM-SHA-512', 'SCRAM-SHA-256', 'PLAIN']), existingSecret=OPT_NAME, jaasConfigKey=STR(minLength=1)),
        tls=obj(existingSecret=OPT_NAME, truststoreKey=STR(minLength=1), truststorePasswordKey=STR(minLength=1),
                keystoreSecret=OPT_NAME, keystoreKey=STR(minLength=1), keystorePasswordKey=STR(minLength=1))),
    model=obj(source=STR(enum=['embedded', 'volume', 'pvc', 'image']), name=STR(), revision=STR(),
        mountPath=STR(pattern=r'^/'), subPath=STR(), volume=OBJ_FREE(), pvc=obj(claimName=OPT_NAME),
        image=obj(repository=STR(), tag=STR(), pullPolicy=STR(enum=['Always', 'IfNotPresent', 'Never']),
                  path=STR(pattern=r'^/'), sizeLimit=QTY)),
    gpu=obj(enabled=BOOL(), count=INT(minimum=1), javacppSizeLimit=QTY, resourceName=STR(pattern=r'^[a-z0-9.-]+/[a-z0-9.-]+$'), imageTag=STR(),
            runtimeClassName=OPT_NAME, nodeSelector=OBJ_FREE(additionalProperties=STR()), tolerations=ARR(OBJ_FREE())),
    autoscaling=obj(
        keda=autoscaler(lagThreshold=INT(minimum=1), activationLagThreshold=INT(minimum=0), pollingInterval=INT(minimum=1),
                        cooldownPeriod=INT(minimum=0), authSecret=OPT_NAME, usernameKey=STR(minLength=1),
                        passwordKey=STR(minLength=1), caKey=STR()),
        hpa=autoscaler(targetCPUUtilizationPercentage=INT(minimum=1, maximum=100))),
    pdb=obj(enabled=BOOL(), minAvailable=INT_OR_PCT, maxUnavailable=INT_OR_PCT),
    service=obj(type=STR(enum=['ClusterIP', 'NodePort', 'LoadBalancer']), port=PORT),
    serviceAccount=obj(create=BOOL(), name=OPT_NAME, annotations=OBJ_FREE(additionalProperties=STR()), automountServiceAccountToken=BOOL()),
    metrics=obj(serviceMonitor=obj(enabled=BOOL(), interval=DURATION, scrapeTimeout=DURATION, labels=OBJ_FREE(additionalProperties=STR()))),
    otel=obj(endpoint=STR(pattern=r'^(https?://.+)?$')),
    tests=obj(enabled=BOOL(), timeoutSeconds=INT(minimum=1, maximum=3600), question=STR(minLength=1)),
)

used = set()
def annotate(node, path):
    if path in desc:
        node['description'] = desc[path]; used.add(path)
    elif path and node.get('type') != 'object':
        sys.exit('no @param for ' + path)
    for k in list(node.get('properties', {})):
        node['properties'][k] = v = copy.deepcopy(node['properties'][k])  # shared type objects get their own description
        annotate(v, (path + '.' if path else '') + k)
    if node.get('properties') and path and path not in desc:
        node.setdefault('description', '')  # groups: described by their members
        if not node['description']: del node['description']
annotate(values, '')
missing = set(desc) - used
if missing: sys.exit('@param without schema: ' + ', '.join(sorted(missing)))
values = {'$schema': 'http://json-schema.org/draft-07/schema#', 'title': 'attention-qa-worker values', **values}
json.dump(values, open(chart + '/values.schema.json', 'w'), indent=2)
open(chart + '/values.schema.json', 'a').write('\n')
