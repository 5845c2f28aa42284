<div class="guide-cover">
  <h1>{{ config.site_name }}</h1>
  <p class="guide-cover__lead">{{ config.site_description }}</p>
  {% if config.extra.last_reviewed %}
  <p>Last reviewed: {{ config.extra.last_reviewed.strftime("%-d %B %Y") }}</p>
  {% endif %}
  <p><strong>This guide is not a diagnosis and does not replace a clinician.</strong>
  In an emergency, call your local emergency number (999 in the UK, 112 in the EU, 911 in the US and Canada).</p>
</div>
