/// Templates of once-only: the consent step before the form and the data-protection cockpit.
enum OnceOnlyTemplates {
    static let consent = #"""
        <p class="step-text">{{serviceName}}</p>
        <h1>{{t.consent_title}}</h1>
        {{>errorSummary}}
        <p class="lead">{{t.consent_intro}}</p>
        <dl class="facts">
        <dt>{{t.consent_service}}</dt><dd>{{serviceName}}</dd>
        <dt>{{t.consent_purpose}}</dt><dd data-purpose>{{purpose}}</dd>
        </dl>
        <table class="messages" id="registers">
        <caption>{{t.consent_caption}}</caption>
        <thead><tr><th scope="col">{{t.consent_register}}</th><th scope="col">{{t.consent_categories}}</th><th scope="col">{{t.consent_legal_basis}}</th></tr></thead>
        <tbody>
        {{#registers}}<tr><td>{{name}} ({{operator}}){{#done}} – <strong>{{t.consent_done}}</strong>{{/done}}</td><td>{{categories}}</td><td>{{legalBasis}}</td></tr>{{/registers}}
        </tbody>
        </table>
        {{#failed}}<div class="notice" role="status" id="register-failed"><p><strong>{{t.consent_failed}}</strong>{{#failedRegisters}} ({{failedRegisters}}){{/failedRegisters}}</p><p>{{t.consent_failed_kept}}</p></div>{{/failed}}
        <p>{{t.consent_voluntary}}</p>
        <form action="/antraege/{{draftId}}/einwilligung{{lq}}" method="post" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        {{#canRetrieve}}{{#failed}}<button type="submit" name="action" value="agree" id="retry">{{t.consent_retry}}</button>{{/failed}}{{^failed}}<button type="submit" name="action" value="agree" id="retry">{{t.consent_agree}}</button>{{/failed}}{{/canRetrieve}}
        {{^canRetrieve}}<p id="retry">{{t.consent_no_identity}}</p>{{/canRetrieve}}
        <button type="submit" name="action" value="manual" class="secondary" id="manual">{{t.consent_manual}}</button>
        </form>
        """#

    static let clerkResult = #"""
        <p><a href="/behoerde/vorgaenge/{{id}}{{lq}}" class="back-link">{{t.case_title}} {{number}}</a></p>
        <h1>{{t.case_register_result_title}}</h1>
        <dl class="facts">
        <dt>{{t.cockpit_register}}</dt><dd>{{register}} – {{issuer}}</dd>
        <dt>{{t.cockpit_case}}</dt><dd>{{number}}</dd>
        <dt>{{t.cockpit_purpose}}</dt><dd data-purpose>{{purpose}}</dd>
        <dt>{{t.cockpit_legal_basis}}</dt><dd>{{legalBasis}}</dd>
        <dt>{{t.cockpit_when}}</dt><dd>{{at}}</dd>
        </dl>
        <table class="messages" id="evidence">
        <caption>{{t.case_register_result_caption}}</caption>
        <thead><tr><th scope="col">{{t.case_register_field}}</th><th scope="col">{{t.case_register_value}}</th></tr></thead>
        <tbody>{{#rows}}<tr><th scope="row">{{label}}</th><td>{{value}}</td></tr>{{/rows}}</tbody>
        </table>
        <p>{{t.case_register_logged}}</p>
        """#

    static let cockpit = #"""
        <p><a href="/konto{{lq}}" class="back-link">{{t.nav_account}}</a></p>
        <h1>{{t.cockpit_title}}</h1>
        {{>errorSummary}}
        <p class="lead">{{t.cockpit_intro}}</p>
        <form class="filters" action="/konto/datenschutz" method="get" role="search" aria-label="{{t.cockpit_filter_label}}">
        {{#langEN}}<input type="hidden" name="lang" value="en">{{/langEN}}
        <div class="field"><label for="von">{{t.cockpit_from}}</label>
        {{#vonError}}<p class="field-error" id="von-error"><span class="visually-hidden">{{t.error_prefix}}:</span> {{vonError}}</p>{{/vonError}}
        <input type="date" id="von" name="von" value="{{von}}"{{#vonError}} aria-invalid="true" aria-describedby="von-error"{{/vonError}}></div>
        <div class="field"><label for="bis">{{t.cockpit_to}}</label>
        {{#bisError}}<p class="field-error" id="bis-error"><span class="visually-hidden">{{t.error_prefix}}:</span> {{bisError}}</p>{{/bisError}}
        <input type="date" id="bis" name="bis" value="{{bis}}"{{#bisError}} aria-invalid="true" aria-describedby="bis-error"{{/bisError}}></div>
        <div class="field"><label for="behoerde">{{t.cockpit_authority}}</label>
        <select id="behoerde" name="behoerde"><option value="">{{t.cockpit_all_authorities}}</option>{{#authorities}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/authorities}}</select></div>
        <button type="submit">{{t.cockpit_apply}}</button>
        </form>
        {{#hasRows}}
        <table class="messages" id="retrievals">
        <caption>{{t.cockpit_caption}} ({{count}})</caption>
        <thead><tr><th scope="col">{{t.cockpit_when}}</th><th scope="col">{{t.cockpit_who}}</th><th scope="col">{{t.cockpit_register}}</th><th scope="col">{{t.cockpit_categories}}</th><th scope="col">{{t.cockpit_service}}</th><th scope="col">{{t.cockpit_purpose}}</th><th scope="col">{{t.cockpit_legal_basis}}</th></tr></thead>
        <tbody>
        {{#rows}}<tr data-retrieval><td>{{at}}</td><td>{{authority}}{{#clerk}}<br>{{t.cockpit_clerk}}: {{clerk}}{{/clerk}}</td><td>{{register}}<br>{{issuer}}</td><td>{{categories}}</td><td>{{service}}{{#caseNumber}}<br>{{t.cockpit_case}} {{caseNumber}}{{/caseNumber}}</td><td>{{purpose}}</td><td>{{legalBasis}}</td></tr>{{/rows}}
        </tbody>
        </table>
        {{/hasRows}}
        {{^hasRows}}<p>{{t.cockpit_empty}}</p>{{/hasRows}}
        <p><a href="/konto/datenschutz.json" download>{{t.cockpit_download}}</a></p>
        <p>{{t.cockpit_retention}}</p>
        """#
}
