{{/* Kafka connection, topics and group: the environment names the application reads (README, Configuration). */}}
{{- define "aqw.kafkaEnv" -}}
- name: KAFKA_BOOTSTRAP_SERVERS
  value: {{ .Values.kafka.bootstrapServers | quote }}
- name: QA_TOPIC_REQUESTS
  value: {{ .Values.kafka.topics.requests | quote }}
- name: QA_TOPIC_ANSWERS
  value: {{ .Values.kafka.topics.answers | quote }}
- name: QA_TOPIC_DEAD_LETTERS
  value: {{ .Values.kafka.topics.deadLetters | quote }}
- name: QA_GROUP_ID
  value: {{ .Values.kafka.groupId | quote }}
- name: KAFKA_SECURITY_PROTOCOL
  value: {{ .Values.kafka.securityProtocol | quote }}
{{- if include "aqw.kafka.sasl" . }}
- name: KAFKA_SASL_MECHANISM
  value: {{ .Values.kafka.sasl.mechanism | quote }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ .Values.kafka.sasl.existingSecret | quote }}
      key: {{ .Values.kafka.sasl.jaasConfigKey | quote }}
{{- end }}
{{- if and (include "aqw.kafka.tls" .) .Values.kafka.tls.existingSecret }}
- name: KAFKA_SSL_TRUSTSTORE_LOCATION
  value: {{ printf "/etc/kafka/truststore/%s" .Values.kafka.tls.truststoreKey | quote }}
- name: KAFKA_SSL_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.kafka.tls.existingSecret | quote }}
      key: {{ .Values.kafka.tls.truststorePasswordKey | quote }}
{{- end }}
{{- if and (include "aqw.kafka.tls" .) .Values.kafka.tls.keystoreSecret }}
- name: KAFKA_SSL_KEYSTORE_LOCATION
  value: {{ printf "/etc/kafka/keystore/%s" .Values.kafka.tls.keystoreKey | quote }}
- name: KAFKA_SSL_KEYSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.kafka.tls.keystoreSecret | quote }}
      key: {{ .Values.kafka.tls.keystorePasswordKey | quote }}
{{- end }}
{{- end -}}

{{/* JVM and native-library caches: the root filesystem is read-only, so both unpack into emptyDirs. */}}
{{- define "aqw.jvmEnv" -}}
- name: JAVA_TOOL_OPTIONS
  value: {{ printf "-Dorg.bytedeco.javacpp.cachedir=/var/cache/javacpp -Djava.io.tmpdir=/tmp -XX:MaxRAMPercentage=%v %s" .Values.jvm.maxRamPercentage .Values.jvm.extraOptions | trim | quote }}
- name: DJL_CACHE_DIR
  value: /var/cache/djl
- name: MALLOC_ARENA_MAX
  value: "2"
- name: TF_CPU_ALLOCATOR_USE_BFC
  value: "true"
- name: TF_ENABLE_ONEDNN_OPTS
  value: "1"
{{- end -}}

{{/* Volumes for the Kafka truststore and keystore. */}}
{{- define "aqw.kafkaVolumes" -}}
{{- if and (include "aqw.kafka.tls" .) .Values.kafka.tls.existingSecret }}
- name: kafka-truststore
  secret:
    secretName: {{ .Values.kafka.tls.existingSecret | quote }}
    items:
      - key: {{ .Values.kafka.tls.truststoreKey | quote }}
        path: {{ .Values.kafka.tls.truststoreKey | quote }}
{{- end }}
{{- if and (include "aqw.kafka.tls" .) .Values.kafka.tls.keystoreSecret }}
- name: kafka-keystore
  secret:
    secretName: {{ .Values.kafka.tls.keystoreSecret | quote }}
    items:
      - key: {{ .Values.kafka.tls.keystoreKey | quote }}
        path: {{ .Values.kafka.tls.keystoreKey | quote }}
{{- end }}
{{- end -}}

{{/* Mounts for the Kafka truststore and keystore. */}}
{{- define "aqw.kafkaVolumeMounts" -}}
{{- if and (include "aqw.kafka.tls" .) .Values.kafka.tls.existingSecret }}
- name: kafka-truststore
  mountPath: /etc/kafka/truststore
  readOnly: true
{{- end }}
{{- if and (include "aqw.kafka.tls" .) .Values.kafka.tls.keystoreSecret }}
- name: kafka-keystore
  mountPath: /etc/kafka/keystore
  readOnly: true
{{- end }}
{{- end -}}

{{/* emptyDirs for /tmp and the native-library caches. */}}
{{- define "aqw.scratchVolumes" -}}
{{- $medium := .Values.cache.medium -}}
- name: tmp
  emptyDir:
    {{- with $medium }}
    medium: {{ . }}
    {{- end }}
    sizeLimit: {{ .Values.cache.tmpSizeLimit }}
- name: javacpp-cache
  emptyDir:
    {{- with $medium }}
    medium: {{ . }}
    {{- end }}
    sizeLimit: {{ ternary .Values.gpu.javacppSizeLimit .Values.cache.javacppSizeLimit .Values.gpu.enabled }}
- name: djl-cache
  emptyDir:
    {{- with $medium }}
    medium: {{ . }}
    {{- end }}
    sizeLimit: {{ .Values.cache.djlSizeLimit }}
{{- end -}}

{{/* Mounts for /tmp and the native-library caches. */}}
{{- define "aqw.scratchVolumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: javacpp-cache
  mountPath: /var/cache/javacpp
- name: djl-cache
  mountPath: /var/cache/djl
{{- end -}}
