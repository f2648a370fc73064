{{/* Chart name, overridable with nameOverride. */}}
{{- define "aqw.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Full resource name: release-chart unless the release name already contains the chart name. */}}
{{- define "aqw.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Labels that select the worker pods (never change them on upgrade). */}}
{{- define "aqw.selectorLabels" -}}
app.kubernetes.io/name: {{ include "aqw.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of every resource. */}}
{{- define "aqw.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "aqw.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/component: worker
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* metadata.annotations of every resource, when commonAnnotations is set. */}}
{{- define "aqw.annotations" -}}
{{- with .Values.commonAnnotations -}}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Service account the pods run as. */}}
{{- define "aqw.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "aqw.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Worker image: the GPU image (tag-gpu unless gpu.imageTag) when gpu.enabled; a digest wins over tags. */}}
{{- define "aqw.image" -}}
{{- include "aqw.imageRef" (list . .Values.gpu.enabled) -}}
{{- end -}}

{{/* Image reference for (list context useGpu). */}}
{{- define "aqw.imageRef" -}}
{{- $ctx := index . 0 -}}
{{- $img := $ctx.Values.image -}}
{{- $repo := $img.repository -}}
{{- if $img.registry -}}{{- $repo = printf "%s/%s" $img.registry $img.repository -}}{{- end -}}
{{- $tag := default $ctx.Chart.AppVersion $img.tag -}}
{{- if index . 1 -}}{{- $tag = default (printf "%s-gpu" $tag) $ctx.Values.gpu.imageTag -}}{{- end -}}
{{- if and $img.digest (not (index . 1)) -}}
{{- printf "%s@%s" $repo $img.digest -}}
{{- else -}}
{{- printf "%s:%s" $repo $tag -}}
{{- end -}}
{{- end -}}

{{/* Container security context, shared by the worker, the model init container and the test Job. */}}
{{- define "aqw.containerSecurityContext" -}}
{{- if .Values.containerSecurityContext.enabled -}}
securityContext:
  {{- toYaml (omit .Values.containerSecurityContext "enabled") | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Pod security context. */}}
{{- define "aqw.podSecurityContext" -}}
{{- if .Values.podSecurityContext.enabled -}}
securityContext:
  {{- toYaml (omit .Values.podSecurityContext "enabled") | nindent 2 }}
{{- end }}
{{- end -}}

{{/* True when the protocol authenticates with SASL. */}}
{{- define "aqw.kafka.sasl" -}}
{{- if hasPrefix "SASL_" .Values.kafka.securityProtocol }}true{{ end -}}
{{- end -}}

{{/* True when the connection to the brokers is encrypted. */}}
{{- define "aqw.kafka.tls" -}}
{{- if has .Values.kafka.securityProtocol (list "SSL" "SASL_SSL") }}true{{ end -}}
{{- end -}}
