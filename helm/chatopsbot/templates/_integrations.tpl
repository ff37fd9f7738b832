{{/* One variable read from a Secret key: .name, .ref ({secretName, key}); the chart's Secret unless ref names another. */}}
{{- define "chatopsbot.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .ref.secretName | default (include "chatopsbot.secretName" .root) | quote }}
      key: {{ .ref.key | default .name | quote }}
{{- end }}

{{/* The integrations' credentials, as container env entries; empty when every integration is off. */}}
{{- define "chatopsbot.integrationEnv" -}}
{{- $i := .Values.integrations }}
{{- if $i.slackSocketMode.enabled }}
{{ include "chatopsbot.secretEnv" (dict "root" . "name" "Slack__AppToken" "ref" $i.slackSocketMode.appToken) }}
{{- end }}
{{- if $i.pagerDuty.enabled }}
{{ include "chatopsbot.secretEnv" (dict "root" . "name" "Paging__PagerDuty__RoutingKey" "ref" $i.pagerDuty.routingKey) }}
{{- end }}
{{- if $i.opsgenie.enabled }}
{{ include "chatopsbot.secretEnv" (dict "root" . "name" "Paging__Opsgenie__ApiKey" "ref" $i.opsgenie.apiKey) }}
{{- end }}
{{- if $i.github.enabled }}
{{ include "chatopsbot.secretEnv" (dict "root" . "name" "Tracker__GitHub__Token" "ref" $i.github.token) }}
{{- end }}
{{- if $i.jira.enabled }}
{{ include "chatopsbot.secretEnv" (dict "root" . "name" "Tracker__Jira__ApiToken" "ref" $i.jira.apiToken) }}
{{- end }}
{{- if $i.statusPage.enabled }}
{{ include "chatopsbot.secretEnv" (dict "root" . "name" "StatusPage__Atlassian__ApiKey" "ref" $i.statusPage.apiKey) }}
{{- end }}
{{- end }}

{{/* The integrations' settings that are not secret, as ConfigMap data lines; empty when every integration is off. */}}
{{- define "chatopsbot.integrationConfig" -}}
{{- $i := .Values.integrations }}
{{- if $i.pagerDuty.enabled }}
Paging__PagerDuty__EventsUrl: {{ $i.pagerDuty.eventsUrl | quote }}
{{- end }}
{{- if $i.opsgenie.enabled }}
Paging__Opsgenie__BaseUrl: {{ $i.opsgenie.baseUrl | quote }}
{{- end }}
{{- if or $i.pagerDuty.enabled $i.opsgenie.enabled }}
{{- range $n, $severity := $i.paging.severities }}
Paging__Severities__{{ $n }}: {{ $severity | quote }}
{{- end }}
{{- end }}
{{- if $i.github.enabled }}
Tracker__GitHub__Repository: {{ $i.github.repository | quote }}
{{- end }}
{{- if $i.jira.enabled }}
Tracker__Jira__BaseUrl: {{ $i.jira.baseUrl | quote }}
Tracker__Jira__Email: {{ $i.jira.email | quote }}
Tracker__Jira__ProjectKey: {{ $i.jira.projectKey | quote }}
{{- end }}
{{- if or $i.github.enabled $i.jira.enabled }}
Tracker__ExportOnClose: {{ $i.tracker.exportOnClose | quote }}
{{- end }}
{{- if $i.statusPage.enabled }}
StatusPage__Atlassian__PageId: {{ $i.statusPage.pageId | quote }}
{{- end }}
{{- end }}

{{/*
Refuses, at install, what would fail at start or leak: an enabled integration without its settings or without a
Secret to read its credential from, and credentials put under config (which is a ConfigMap, readable by anyone
who may read the namespace's configuration).
*/}}
{{- define "chatopsbot.validateIntegrations" -}}
{{- $i := .Values.integrations }}
{{- range $key, $_ := .Values.config }}
{{- if regexMatch "(?i)(token|apikey|secret|routingkey|password)$" $key }}
{{- fail (printf "config.%s is a credential and config is a ConfigMap: put it in secrets.values or secrets.existingSecret" $key) }}
{{- end }}
{{- end }}
{{- if and $i.github.enabled $i.jira.enabled }}
{{- fail "integrations.github and integrations.jira: enable one tracker at a time" }}
{{- end }}
{{- if and $i.github.enabled (not $i.github.repository) }}
{{- fail "integrations.github.enabled needs integrations.github.repository (owner/name)" }}
{{- end }}
{{- if and $i.jira.enabled (not (and $i.jira.baseUrl $i.jira.email $i.jira.projectKey)) }}
{{- fail "integrations.jira.enabled needs integrations.jira.baseUrl, email and projectKey" }}
{{- end }}
{{- if and $i.statusPage.enabled (not $i.statusPage.pageId) }}
{{- fail "integrations.statusPage.enabled needs integrations.statusPage.pageId" }}
{{- end }}
{{- $root := . }}
{{- range $name, $ref := dict "slackSocketMode" (list $i.slackSocketMode.enabled $i.slackSocketMode.appToken "appToken") "pagerDuty" (list $i.pagerDuty.enabled $i.pagerDuty.routingKey "routingKey") "opsgenie" (list $i.opsgenie.enabled $i.opsgenie.apiKey "apiKey") "github" (list $i.github.enabled $i.github.token "token") "jira" (list $i.jira.enabled $i.jira.apiToken "apiToken") "statusPage" (list $i.statusPage.enabled $i.statusPage.apiKey "apiKey") }}
{{- $enabled := index $ref 0 }}
{{- $secret := index $ref 1 }}
{{- if and $enabled (not $secret.secretName) (not $root.Values.secrets.existingSecret) }}
{{- if not $root.Values.secrets.create }}
{{- fail (printf "integrations.%s.enabled reads %s from a Secret: set secrets.existingSecret, secrets.create with secrets.values.%s, or integrations.%s.%s.secretName" $name $secret.key $secret.key $name (index $ref 2)) }}
{{- else if not (hasKey $root.Values.secrets.values $secret.key) }}
{{- fail (printf "integrations.%s.enabled reads %s from the chart's Secret, but secrets.values has no %s" $name $secret.key $secret.key) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
