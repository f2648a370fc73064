{{/* Checks that span several values (the schema checks each value alone); fails once, listing every problem. */}}
{{- define "aqw.validateValues" -}}
{{- $v := .Values -}}
{{- $errors := list -}}
{{- $partitions := int $v.kafka.topics.requestsPartitions -}}
{{- if and $v.autoscaling.keda.enabled $v.autoscaling.hpa.enabled -}}
{{- $errors = append $errors "autoscaling: enable either keda or hpa, not both (got keda.enabled=true, hpa.enabled=true)" -}}
{{- end -}}
{{- range $kind := list "keda" "hpa" -}}
{{- $a := index $v.autoscaling $kind -}}
{{- if $a.enabled -}}
{{- if gt (int $a.maxReplicas) $partitions -}}
{{- $errors = append $errors (printf "autoscaling.%s.maxReplicas: more replicas than partitions of %s would sit idle (got %v, kafka.topics.requestsPartitions=%v)" $kind $v.kafka.topics.requests $a.maxReplicas $partitions) -}}
{{- end -}}
{{- if gt (int $a.minReplicas) (int $a.maxReplicas) -}}
{{- $errors = append $errors (printf "autoscaling.%s.minReplicas: must not exceed maxReplicas (got %v > %v)" $kind $a.minReplicas $a.maxReplicas) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if and $v.autoscaling.hpa.enabled (lt (int $v.autoscaling.hpa.minReplicas) 1) -}}
{{- $errors = append $errors (printf "autoscaling.hpa.minReplicas: an HPA cannot scale to zero, use keda (got %v)" $v.autoscaling.hpa.minReplicas) -}}
{{- end -}}
{{- if and $v.page.enabled (not $v.page.tokenSecret.name) -}}
{{- $errors = append $errors "page.tokenSecret.name: required with page.enabled=true (an existing Secret holding the page token; the page shows answers and writes requests)" -}}
{{- end -}}
{{- if and (include "aqw.kafka.sasl" .) (not $v.kafka.sasl.existingSecret) -}}
{{- $errors = append $errors (printf "kafka.sasl.existingSecret: required with securityProtocol %s (a secret holding key %s)" $v.kafka.securityProtocol $v.kafka.sasl.jaasConfigKey) -}}
{{- end -}}
{{- if and (not (include "aqw.kafka.sasl" .)) $v.kafka.sasl.existingSecret -}}
{{- $errors = append $errors (printf "kafka.sasl.existingSecret: only used with SASL_PLAINTEXT or SASL_SSL (got securityProtocol %s)" $v.kafka.securityProtocol) -}}
{{- end -}}
{{- if and (not (include "aqw.kafka.tls" .)) (or $v.kafka.tls.existingSecret $v.kafka.tls.keystoreSecret) -}}
{{- $errors = append $errors (printf "kafka.tls: a truststore or keystore secret is only used with SSL or SASL_SSL (got securityProtocol %s)" $v.kafka.securityProtocol) -}}
{{- end -}}
{{- if and $v.autoscaling.keda.enabled (include "aqw.kafka.sasl" .) (not $v.autoscaling.keda.authSecret) -}}
{{- $errors = append $errors (printf "autoscaling.keda.authSecret: KEDA reads the lag with its own client and needs a user name and password with securityProtocol %s" $v.kafka.securityProtocol) -}}
{{- end -}}
{{- $src := $v.model.source -}}
{{- if and (eq $src "pvc") (not $v.model.pvc.claimName) -}}
{{- $errors = append $errors "model.pvc.claimName: required with model.source=pvc" -}}
{{- end -}}
{{- if and (eq $src "volume") (not $v.model.volume) -}}
{{- $errors = append $errors "model.volume: required with model.source=volume (a volume source such as {nfs: {...}})" -}}
{{- end -}}
{{- if and (eq $src "image") (or (not $v.model.image.repository) (not $v.model.image.tag)) -}}
{{- $errors = append $errors (printf "model.image.repository and model.image.tag: required with model.source=image (got %q:%q)" $v.model.image.repository $v.model.image.tag) -}}
{{- end -}}
{{- if and (ne $src "pvc") $v.model.pvc.claimName -}}
{{- $errors = append $errors (printf "model.pvc.claimName: only used with model.source=pvc (got source %s)" $src) -}}
{{- end -}}
{{- if and (ne $src "volume") $v.model.volume -}}
{{- $errors = append $errors (printf "model.volume: only used with model.source=volume (got source %s)" $src) -}}
{{- end -}}
{{- if and (ne $src "image") $v.model.image.repository -}}
{{- $errors = append $errors (printf "model.image.repository: only used with model.source=image (got source %s)" $src) -}}
{{- end -}}
{{- if and $v.pdb.enabled (ne (toString $v.pdb.minAvailable) "") (ne (toString $v.pdb.maxUnavailable) "") -}}
{{- $errors = append $errors (printf "pdb: set minAvailable or maxUnavailable, not both (got %v and %v)" $v.pdb.minAvailable $v.pdb.maxUnavailable) -}}
{{- end -}}
{{- if and $v.pdb.enabled (eq (toString $v.pdb.minAvailable) "") (eq (toString $v.pdb.maxUnavailable) "") -}}
{{- $errors = append $errors "pdb: set minAvailable or maxUnavailable (both are empty)" -}}
{{- end -}}
{{- if and $v.containerSecurityContext.enabled (or $v.containerSecurityContext.privileged $v.containerSecurityContext.allowPrivilegeEscalation) -}}
{{- $errors = append $errors "containerSecurityContext: privileged and allowPrivilegeEscalation must stay false" -}}
{{- end -}}
{{- if $errors -}}
{{- fail (printf "\n\nVALUES VALIDATION (%d problems):\n  - %s\n" (len $errors) (join "\n  - " $errors)) -}}
{{- end -}}
{{- end -}}
