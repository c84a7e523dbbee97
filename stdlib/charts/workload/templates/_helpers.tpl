{{/*
Helpers of stackc's workload chart. Every template takes the root context unless it says otherwise.
*/}}

{{/*
A value copied verbatim from the values (env, annotations, tolerations, NetworkPolicy peers and
egress rules) as block YAML whose sequences are indented like the rest of the chart's output (toYaml
does not indent them and folds long strings), map keys sorted, strings double-quoted. No leading or
trailing newline.
*/}}
{{- define "workload.toYaml" -}}
{{- include "workload.toYamlLines" . | trim }}
{{- end }}

{{- define "workload.toYamlLines" -}}
{{- if and (kindIs "map" .) (not (empty .)) }}
{{- range $k, $x := . }}
{{ include "workload.str" $k }}:
{{- if and (or (kindIs "map" $x) (kindIs "slice" $x)) (not (empty $x)) }}
{{- include "workload.toYaml" $x | nindent 2 }}
{{- else }} {{ include "workload.yamlScalar" $x }}
{{- end }}
{{- end }}
{{- else if and (kindIs "slice" .) (not (empty .)) }}
{{- range $x := . }}
{{- if and (or (kindIs "map" $x) (kindIs "slice" $x)) (not (empty $x)) }}
- {{ include "workload.toYaml" $x | indent 2 | trimPrefix "  " }}
{{- else }}
- {{ include "workload.yamlScalar" $x }}
{{- end }}
{{- end }}
{{- else }}
{{ include "workload.yamlScalar" . }}
{{- end }}
{{- end }}

{{/*
A scalar: a string double-quoted with Go escapes (all valid in YAML), anything else as JSON (numbers
as integers when whole, true, false, null, {} and []).
*/}}
{{- define "workload.yamlScalar" -}}
{{- if kindIs "string" . }}{{ quote . }}{{ else }}{{ toJson . }}{{ end }}
{{- end }}

{{/*
A string from the values (a name, a map key) written plain when YAML 1.1 reads it back as that same
string, else double-quoted: a Secret named "on" or "null" stays a string.
*/}}
{{- define "workload.str" -}}
{{- if and (regexMatch "^[A-Za-z_][-A-Za-z0-9_./]*$" .) (not (regexMatch "^(?i:y|yes|n|no|true|false|on|off|null)$" .)) }}{{ . }}{{ else }}{{ quote . }}{{ end }}
{{- end }}

{{/* Which kinds render what. */}}
{{- define "workload.isContainer" -}}
{{- if has .Values.kind (list "service" "static_site" "job" "cron_job") }}true{{ end }}
{{- end }}

{{- define "workload.isServing" -}}
{{- if has .Values.kind (list "service" "static_site") }}true{{ end }}
{{- end }}

{{/* The ConfigMap of the container's environment. */}}
{{- define "workload.envName" -}}
{{- printf "%s-env" .Values.name }}
{{- end }}

{{/*
Labels of every object and pod template: `labels` plus `selector` (selector wins on a shared key,
so that pods always match their selectors).
*/}}
{{- define "workload.labels" -}}
{{- toYaml (merge (dict) (deepCopy (.Values.selector | default dict)) (deepCopy (.Values.labels | default dict))) }}
{{- end }}

{{- define "workload.selectorLabels" -}}
{{- toYaml .Values.selector }}
{{- end }}

{{/*
Metadata of a namespaced object. Takes (dict "root" $ "name" NAME).
*/}}
{{- define "workload.metadata" -}}
name: {{ include "workload.str" .name }}
namespace: {{ include "workload.str" .root.Release.Namespace }}
labels:
  {{- include "workload.labels" .root | nindent 2 }}
{{- end }}

{{/*
Annotations that make a job release's supporting objects (ServiceAccount, ConfigMap, SecretStore,
ExternalSecrets) Helm hooks of the same phase as the Job, created before it (weight -5): a pre-install
hook runs before any ordinary object of the release exists, so the Job could not start otherwise.
Renders nothing for the other kinds. Takes the root context.
*/}}
{{- define "workload.supportHook" -}}
{{- if eq .Values.kind "job" }}
helm.sh/hook: {{ include "workload.hookPhases" . }}
helm.sh/hook-delete-policy: before-hook-creation
helm.sh/hook-weight: "-5"
{{- end }}
{{- end }}

{{- define "workload.hookPhases" -}}
{{- if eq .Values.job.hook "pre" }}pre-install,pre-upgrade{{ else }}post-install,post-upgrade{{ end }}
{{- end }}

{{/* Whether metrics are served on a port of their own (then named "metrics"). */}}
{{- define "workload.metricsPortSeparate" -}}
{{- with .Values.metrics }}{{ if ne (int .port) (int $.Values.port) }}true{{ end }}{{ end }}
{{- end }}

{{/*
Annotations of the workload object: checkov.io/skipN for each check the stack deliberately does not
meet, with its reason (the stack resource's `suppress`, in check order).
*/}}
{{- define "workload.checkovSkips" -}}
{{- $i := 0 }}
{{- range $check, $reason := .Values.checkovSkips | default dict }}
{{- $i = add1 $i }}
checkov.io/skip{{ $i }}: {{ printf "%s=%s" $check $reason | quote }}
{{- end }}
{{- end }}

{{/* The Service and container port name: http, grpc or tcp. */}}
{{- define "workload.portName" -}}
{{- .Values.protocol }}
{{- end }}

{{/*
An IntOrString of the rollout: a count ("1") as an integer, a percentage ("25%") as a string. The
API server rejects a count written as a string.
*/}}
{{- define "workload.intOrPercent" -}}
{{- if regexMatch "^[0-9]+$" . }}{{ . | atoi }}{{ else }}{{ . | quote }}{{ end }}
{{- end }}

{{/*
One probe. Takes (dict "root" $ "path" PATH).
*/}}
{{- define "workload.probe" -}}
{{- $v := .root.Values -}}
{{- if eq $v.protocol "http" }}
httpGet:
  path: {{ .path | quote }}
  port: http
{{- else if eq $v.protocol "grpc" }}
grpc:
  port: {{ $v.port | int64 }}
{{- else }}
tcpSocket:
  port: tcp
{{- end }}
initialDelaySeconds: {{ $v.probes.initialDelaySeconds | int64 }}
periodSeconds: {{ $v.probes.periodSeconds | int64 }}
timeoutSeconds: {{ $v.probes.timeoutSeconds | int64 }}
failureThreshold: {{ $v.probes.failureThreshold | int64 }}
{{- end }}

{{/*
Pod template annotations: the checksum of the environment, so that a changed env rolls the pods.
*/}}
{{- define "workload.podAnnotations" -}}
checksum/env: {{ .Values.env | default dict | toJson | sha256sum }}
{{- end }}

{{/*
The pod spec of every container workload. Takes the root context.
*/}}
{{- define "workload.podSpec" -}}
{{- $v := .Values -}}
{{- $serving := include "workload.isServing" . -}}
serviceAccountName: {{ include "workload.str" $v.serviceAccount.name }}
automountServiceAccountToken: false
enableServiceLinks: false
{{- if $serving }}
terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds | int64 }}
{{- else }}
restartPolicy: Never
{{- end }}
securityContext:
  runAsNonRoot: {{ $v.securityContext.runAsNonRoot }}
  runAsUser: {{ $v.securityContext.runAsUser | int64 }}
  runAsGroup: {{ $v.securityContext.runAsUser | int64 }}
  fsGroup: {{ $v.securityContext.runAsUser | int64 }}
  seccompProfile:
    type: RuntimeDefault
{{- with $v.nodePool }}
nodeSelector:
  eks.amazonaws.com/nodegroup: {{ .name | quote }}
{{- with .tolerations }}
tolerations:
  {{- include "workload.toYaml" . | nindent 2 }}
{{- end }}
{{- end }}
{{- if and $serving (ne $v.spread "none") }}
topologySpreadConstraints:
  {{- if eq $v.spread "zone" }}
  - maxSkew: 1
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "workload.selectorLabels" . | nindent 8 }}
    matchLabelKeys:
      - pod-template-hash
  {{- end }}
  - maxSkew: 1
    topologyKey: kubernetes.io/hostname
    whenUnsatisfiable: ScheduleAnyway
    labelSelector:
      matchLabels:
        {{- include "workload.selectorLabels" . | nindent 8 }}
    matchLabelKeys:
      - pod-template-hash
{{- end }}
containers:
  - name: {{ include "workload.str" $v.name }}
    image: {{ $v.image | quote }}
    {{- /* A digest never changes; a tag may be pushed again, so the kubelet checks it on every start. */}}
    imagePullPolicy: {{ if contains "@sha256:" $v.image }}IfNotPresent{{ else }}Always{{ end }}
    {{- if kindIs "slice" $v.command }}
    command:
      {{- toYaml $v.command | nindent 6 }}
    {{- end }}
    {{- if kindIs "slice" $v.args }}
    args:
      {{- toYaml $v.args | nindent 6 }}
    {{- end }}
    {{- if $serving }}
    ports:
      - name: {{ include "workload.portName" . }}
        containerPort: {{ $v.port | int64 }}
        protocol: TCP
      {{- if include "workload.metricsPortSeparate" . }}
      - name: metrics
        containerPort: {{ $v.metrics.port | int64 }}
        protocol: TCP
      {{- end }}
    {{- end }}
    envFrom:
      - configMapRef:
          name: {{ include "workload.str" (include "workload.envName" .) }}
      {{- range $v.envSecrets }}
      - secretRef:
          name: {{ include "workload.str" . }}
      {{- end }}
    resources:
      requests:
        cpu: {{ $v.resources.requests.cpu | quote }}
        memory: {{ $v.resources.requests.memory | quote }}
      limits:
        {{- with $v.resources.limits.cpu }}
        cpu: {{ . | quote }}
        {{- end }}
        memory: {{ $v.resources.limits.memory | quote }}
    securityContext:
      runAsNonRoot: {{ $v.securityContext.runAsNonRoot }}
      runAsUser: {{ $v.securityContext.runAsUser | int64 }}
      runAsGroup: {{ $v.securityContext.runAsUser | int64 }}
      readOnlyRootFilesystem: {{ $v.securityContext.readOnlyRootFilesystem }}
      allowPrivilegeEscalation: false
      privileged: false
      capabilities:
        drop:
          - ALL
    {{- if and $serving $v.probes }}
    livenessProbe:
      {{- include "workload.probe" (dict "root" . "path" $v.probes.liveness) | trim | nindent 6 }}
    readinessProbe:
      {{- include "workload.probe" (dict "root" . "path" $v.probes.readiness) | trim | nindent 6 }}
    {{- with $v.probes.startup }}
    startupProbe:
      {{- include "workload.probe" (dict "root" $ "path" .) | trim | nindent 6 }}
    {{- end }}
    {{- end }}
    {{- with $v.writablePaths }}
    volumeMounts:
      {{- range $i, $path := . }}
      - name: tmp-{{ $i }}
        mountPath: {{ $path | quote }}
      {{- end }}
    {{- end }}
{{- with $v.writablePaths }}
volumes:
  {{- range $i, $path := . }}
  - name: tmp-{{ $i }}
    emptyDir: {}
  {{- end }}
{{- end }}
{{- end }}

{{/*
Cross-field rules the schema cannot state; a release that breaks one fails to render.
*/}}
{{- define "workload.checks" -}}
{{- $v := .Values -}}
{{- if include "workload.isServing" . }}
{{- if gt (int $v.replicas.min) (int $v.replicas.max) }}
{{- fail (printf "replicas.min (%v) is above replicas.max (%v)" $v.replicas.min $v.replicas.max) }}
{{- end }}
{{- if and (lt (int $v.replicas.min) (int $v.replicas.max)) (lt (int $v.replicas.min) 1) }}
{{- fail "replicas.min must be at least 1 when replicas.min < replicas.max (a HorizontalPodAutoscaler cannot scale to zero)" }}
{{- end }}
{{- if and (eq $v.rollout.strategy "rolling") (regexMatch "^0+%?$" (toString $v.rollout.maxSurge)) (regexMatch "^0+%?$" (toString $v.rollout.maxUnavailable)) }}
{{- fail "rollout.maxSurge and rollout.maxUnavailable may not both be 0" }}
{{- end }}
{{- end }}
{{- $seen := dict }}
{{- range $v.externalSecrets }}
{{- if hasKey $seen .name }}
{{- fail (printf "externalSecrets: the name %q appears twice" .name) }}
{{- end }}
{{- $_ := set $seen .name true }}
{{- end }}
{{- end }}
