/// Templates of the service catalogue pages.
extension Templates {
    static let serviceSearchForm = #"""
        <form class="search" action="/leistungen" method="get" role="search">
        <label for="sq">{{t.services_search_label}}</label>
        <p class="hint" id="sq-hint">{{t.services_search_hint}}</p>
        <div class="search-row">
        <input id="sq" name="q" type="search" value="{{serviceQuery}}" maxlength="100" aria-describedby="sq-hint">
        <button type="submit">{{t.search_button}}</button>
        </div>
        {{#langEN}}<input type="hidden" name="lang" value="en">{{/langEN}}
        </form>
        """#

    static let services = #"""
        <h1>{{heading}}</h1>
        <section class="panel" aria-labelledby="service-search-heading">
        <h2 id="service-search-heading">{{t.services_search_heading}}</h2>
        {{> serviceSearchForm}}
        </section>
        <form class="filters" action="/leistungen" method="get">
        <input type="hidden" name="q" value="{{serviceQuery}}">
        {{#langEN}}<input type="hidden" name="lang" value="en">{{/langEN}}
        <div class="field">
        <label for="group">{{t.filter_group}}</label>
        <select id="group" name="group">{{#groups}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/groups}}</select>
        </div>
        <div class="field">
        <label for="lifeSituation">{{t.filter_life_situation}}</label>
        <select id="lifeSituation" name="lifeSituation">{{#situations}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/situations}}</select>
        </div>
        <button type="submit">{{t.filter_apply}}</button>
        </form>
        {{#place}}<p class="notice">{{t.services_place}}: <a href="/gemeinden/{{ars}}{{lq}}">{{name}}</a></p>{{/place}}
        {{#hasCandidates}}
        <p class="notice">{{t.services_choose_place}}</p>
        <ul class="link-grid">{{#candidates}}<li><a href="/leistungen?q={{queryEncoded}}&amp;ars={{ars}}{{lqa}}">{{name}}</a></li>{{/candidates}}</ul>
        {{/hasCandidates}}
        <h2 id="list-heading">{{listHeading}}</h2>
        {{#hasResults}}
        <ul class="results" aria-labelledby="list-heading">
        {{#results}}<li><a href="/leistungen/{{leika}}{{suffix}}">{{name}}</a><br><span class="meta">{{summary}}</span></li>{{/results}}
        </ul>
        {{/hasResults}}
        {{^hasResults}}<p>{{t.services_no_results}}</p>{{/hasResults}}
        """#

    static let service = #"""
        <h1>{{name}}</h1>
        <p class="lead">{{summary}}</p>
        {{#easyLink}}<p><a href="{{easyLink}}" hreflang="de">{{t.service_easy}}</a></p>{{/easyLink}}
        <section aria-labelledby="responsible-heading" class="panel">
        <h2 id="responsible-heading">{{t.service_responsible}}</h2>
        {{#authority}}
        <p>{{t.service_responsible_for}} <a href="/gemeinden/{{placeArs}}{{lq}}">{{placeName}}</a>:</p>
        <p><strong>{{authorityName}}</strong><br>{{#street}}{{street}}<br>{{/street}}{{postcode}} {{locality}}</p>
        {{#overrideReason}}<p class="hint">{{overrideReason}}</p>{{/overrideReason}}
        {{#applyOnline}}<p><a class="button" href="/leistungen/{{leika}}/antrag?ars={{placeArs}}{{lqa}}">{{t.apply_online}}</a></p>{{/applyOnline}}
        {{/authority}}
        {{^authority}}{{#applyOnline}}<p>{{t.apply_online_choose}}</p>{{/applyOnline}}{{/authority}}
        {{#body}}<p><strong>{{body}}</strong></p>{{/body}}
        {{#note}}<p>{{note}}</p>{{/note}}
        {{^authority}}
        <form class="search" action="/leistungen/{{leika}}" method="get">
        <label for="place">{{t.service_choose_municipality}}</label>
        <div class="search-row">
        <input id="place" name="ort" type="search" maxlength="100" value="{{ort}}">
        <button type="submit">{{t.search_button}}</button>
        </div>
        {{#langEN}}<input type="hidden" name="lang" value="en">{{/langEN}}
        </form>
        {{#hasPlaceCandidates}}<ul class="link-grid">{{#placeCandidates}}<li><a href="/leistungen/{{leika}}?ars={{ars}}{{lqa}}">{{name}}</a></li>{{/placeCandidates}}</ul>{{/hasPlaceCandidates}}
        {{/authority}}
        </section>
        <h2>{{t.service_what}}</h2>
        <p>{{description}}</p>
        {{#hasDocuments}}<h2>{{t.service_documents}}</h2><ul>{{#documents}}<li>{{.}}</li>{{/documents}}</ul>{{/hasDocuments}}
        <h2>{{t.service_fees}}</h2>
        <p>{{fee}}</p>
        {{#feeNote}}<p>{{feeNote}}</p>{{/feeNote}}
        {{#deadline}}<h2>{{t.service_deadline}}</h2><p>{{deadline}}</p>{{/deadline}}
        {{#processingTime}}<h2>{{t.service_processing_time}}</h2><p>{{processingTime}}</p>{{/processingTime}}
        <h2>{{t.service_legal_basis}}</h2>
        <ul>{{#legalBasis}}<li>{{.}}</li>{{/legalBasis}}</ul>
        <dl class="facts">
        <dt>{{t.service_trust_level}}</dt><dd>{{trustLevel}}</dd>
        <dt>{{t.service_key}}</dt><dd>{{leika}}</dd>
        </dl>
        <script type="application/ld+json">{{{jsonLD}}}</script>
        """#
}
