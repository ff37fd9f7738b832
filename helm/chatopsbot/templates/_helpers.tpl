{{- define "chatopsbot.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "chatopsbot.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "chatopsbot.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{ include "chatopsbot.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "chatopsbot.selectorLabels" -}}
app.kubernetes.io/name: {{ include "chatopsbot.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "chatopsbot.secretName" -}}
{{- if .Values.secrets.existingSecret }}
{{- .Values.secrets.existingSecret }}
{{- else }}
{{- include "chatopsbot.fullname" . }}
{{- end }}
{{- end }}

{{/* SQLite is one file on one volume: it cannot be shared by replicas. Refuse early rather than corrupt data. */}}
{{- define "chatopsbot.validate" -}}
{{- if eq .Values.storage.provider "sqlite" }}
{{- if or (gt (int .Values.replicaCount) 1) .Values.autoscaling.enabled }}
{{- fail "storage.provider=sqlite runs exactly one replica: set replicaCount=1 and autoscaling.enabled=false, or use storage.provider=redis" }}
{{- end }}
{{- end }}
{{- if and (eq .Values.storage.provider "redis") (not .Values.storage.redis.connectionString) (not .Values.secrets.existingSecret) (not (hasKey .Values.secrets.values "Redis__ConnectionString")) }}
{{- fail "storage.provider=redis needs storage.redis.connectionString, or Redis__ConnectionString in secrets.existingSecret or secrets.values" }}
{{- end }}
{{- end }}
