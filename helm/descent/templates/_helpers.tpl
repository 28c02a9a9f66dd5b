{{/* Chart name, truncated to the 63 characters Kubernetes allows in names. */}}
{{- define "descent.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name: the release name, plus the chart name unless it already contains it. */}}
{{- define "descent.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "descent.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "descent.labels" -}}
helm.sh/chart: {{ include "descent.chart" . }}
{{ include "descent.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "descent.selectorLabels" -}}
app.kubernetes.io/name: {{ include "descent.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "descent.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "descent.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Name of the claim holding the data directory. */}}
{{- define "descent.claimName" -}}
{{- default (printf "%s-data" (include "descent.fullname" .)) .Values.persistence.existingClaim }}
{{- end }}

{{/* Name of the Secret holding the API keys ("" when there are none). */}}
{{- define "descent.apiKeysSecret" -}}
{{- if .Values.apiKeys.existingSecret }}
{{- .Values.apiKeys.existingSecret }}
{{- else if .Values.apiKeys.keys }}
{{- printf "%s-api-keys" (include "descent.fullname" .) }}
{{- end }}
{{- end }}

{{/* The actuator paths the service serves (base path /actuator). */}}
{{- define "descent.metricsPath" -}}/actuator/prometheus{{- end }}

{{/*
The storage backend, "filesystem" or "shared" (descent.storage.kind). Fails on values the chart
cannot deploy: several pods on one data directory, or shared storage without its database or
bucket.
*/}}
{{- define "descent.storageKind" -}}
{{- $kind := .Values.storage.kind | toString }}
{{- if eq $kind "shared" }}
{{- if not .Values.storage.database.url }}
{{- fail "storage.kind shared needs storage.database.url, the JDBC URL of an existing PostgreSQL (e.g. jdbc:postgresql://postgres:5432/descent)" }}
{{- end }}
{{- if not .Values.storage.objectStore.bucket }}
{{- fail "storage.kind shared needs storage.objectStore.bucket, an existing bucket of the object store" }}
{{- end }}
{{- else if eq $kind "filesystem" }}
{{- if gt (int .Values.replicaCount) 1 }}
{{- fail (printf "replicaCount %d needs storage.kind shared: with filesystem storage one pod owns the data directory" (int .Values.replicaCount)) }}
{{- end }}
{{- else }}
{{- fail (printf "storage.kind must be filesystem or shared, got %q" $kind) }}
{{- end }}
{{- $kind }}
{{- end }}

{{/* "true" with shared storage, "" with filesystem storage. */}}
{{- define "descent.shared" -}}
{{- if eq (include "descent.storageKind" .) "shared" }}true{{ end }}
{{- end }}

{{/*
The Deployments to render, as a JSON array: [""] for the one Deployment of both roles, or, with
roles.split and shared storage, ["serve","train"].
*/}}
{{- define "descent.deploymentRoles" -}}
{{- if and (include "descent.shared" .) .Values.roles.split -}}
["serve","train"]
{{- else -}}
[""]
{{- end -}}
{{- end }}
