/// Templates of the online application journey (Mustache, auto-escaped; `formHTML` is built and
/// escaped by `FormRenderer`).
enum ApplicationTemplates {
    static let resumeNote = #"""
        {{#resumeCode}}<aside class="panel" aria-labelledby="resume-heading"><h2 id="resume-heading">{{t.resume_code_heading}}</h2><p>{{t.resume_code_text}} <strong data-resume-code>{{resumeCode}}</strong></p><p><a href="/antraege/fortsetzen{{lq}}">{{t.resume_link}}</a></p></aside>{{/resumeCode}}
        """#

    static let start = #"""
        <h1>{{serviceName}}</h1>
        <p class="lead">{{t.apply_intro}}</p>
        <dl class="facts">
        <dt>{{t.apply_place}}</dt><dd>{{placeName}}</dd>
        {{#authorityName}}<dt>{{t.apply_authority}}</dt><dd>{{authorityName}}</dd>{{/authorityName}}
        <dt>{{t.apply_level}}</dt><dd>{{level}}</dd>
        </dl>
        {{#anonymous}}<p>{{t.apply_anonymous}}</p>{{/anonymous}}
        {{^anonymous}}{{^signedIn}}<p>{{t.apply_login_needed}}</p>{{/signedIn}}{{/anonymous}}
        <p>{{t.apply_drafts}}</p>
        {{>errorSummary}}
        <form action="/leistungen/{{leika}}/antrag{{lq}}" method="post" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <input type="hidden" name="ars" value="{{ars}}">
        {{#canActFor}}
        <div class="field">
        <fieldset{{#forError}} aria-describedby="for-error"{{/forError}}>
        <legend>{{t.apply_for}}</legend>
        {{#forError}}<p class="field-error" id="for-error"><span class="visually-hidden">{{t.error_prefix}}:</span> {{forError}}</p>{{/forError}}
        <div class="choice"><input type="radio" id="for" name="for" value="self"{{#forSelf}} checked{{/forSelf}}><label for="for">{{t.apply_for_self}}</label></div>
        {{#mandates}}<div class="choice"><input type="radio" id="for-{{value}}" name="for" value="{{value}}"><label for="for-{{value}}">{{t.apply_for_mandate}} {{label}}</label></div>{{/mandates}}
        <div class="choice"><input type="radio" id="for-child" name="for" value="child"{{#forChild}} checked{{/forChild}}><label for="for-child">{{t.apply_for_child}}</label></div>
        </fieldset>
        </div>
        <fieldset class="group">
        <legend>{{t.apply_child_details}} <span class="optional">({{t.apply_child_only}})</span></legend>
        <div class="field">
        <label for="child_name">{{t.apply_child_name}}</label>
        {{#child_nameError}}<p class="field-error" id="child_name-error"><span class="visually-hidden">{{t.error_prefix}}:</span> {{child_nameError}}</p>{{/child_nameError}}
        <input id="child_name" name="child_name" type="text" maxlength="100" value="{{childName}}"{{#child_nameError}} aria-invalid="true" aria-describedby="child_name-error"{{/child_nameError}}>
        </div>
        <fieldset role="group" id="child_birth"{{#child_birthError}} aria-describedby="child_birth-error"{{/child_birthError}}>
        <legend>{{t.apply_child_birth}}</legend>
        {{#child_birthError}}<p class="field-error" id="child_birth-error"><span class="visually-hidden">{{t.error_prefix}}:</span> {{child_birthError}}</p>{{/child_birthError}}
        <div class="date-input">
        <div class="date-part"><label for="child_birth~day">{{t.day}}</label><input class="width-2" id="child_birth~day" name="child_birth~day" type="text" inputmode="numeric" value="{{childDay}}"></div>
        <div class="date-part"><label for="child_birth~month">{{t.month}}</label><input class="width-2" id="child_birth~month" name="child_birth~month" type="text" inputmode="numeric" value="{{childMonth}}"></div>
        <div class="date-part"><label for="child_birth~year">{{t.year}}</label><input class="width-4" id="child_birth~year" name="child_birth~year" type="text" inputmode="numeric" value="{{childYear}}"></div>
        </div>
        </fieldset>
        </fieldset>
        {{/canActFor}}
        <button type="submit">{{t.apply_start}}</button>
        </form>
        <p><a href="/antraege/fortsetzen{{lq}}">{{t.resume_link}}</a></p>
        """#

    static let step = #"""
        <p><a href="{{back}}" class="back-link">{{t.back}}</a></p>
        <p class="step-text">{{serviceName}} · <span data-step-text>{{stepText}}</span></p>
        {{>errorSummary}}
        <form action="/antraege/{{draftId}}/schritt/{{step}}{{lq}}" method="post" novalidate{{#multipart}} enctype="multipart/form-data"{{/multipart}}>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        {{^single}}<h1>{{heading}}</h1>{{#intro}}<p class="hint">{{intro}}</p>{{/intro}}{{/single}}
        {{{formHTML}}}
        <button type="submit" name="action" value="next">{{t.continue}}</button>
        </form>
        {{>resumeNote}}
        """#

    static let resume = #"""
        <h1>{{t.resume_title}}</h1>
        <p>{{t.resume_intro}}</p>
        {{>errorSummary}}
        <form action="/antraege/fortsetzen{{lq}}" method="post" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field">
        <label for="code">{{t.resume_code_label}}</label>
        <p class="hint" id="code-hint">{{t.resume_code_hint}}</p>
        {{#codeError}}<p class="field-error" id="code-error"><span class="visually-hidden">{{t.error_prefix}}:</span> {{codeError}}</p>{{/codeError}}
        <input id="code" name="code" type="text" autocomplete="off" spellcheck="false" value="{{code}}" aria-describedby="code-hint{{#codeError}} code-error{{/codeError}}"{{#codeError}} aria-invalid="true"{{/codeError}}>
        </div>
        <button type="submit">{{t.resume_submit}}</button>
        </form>
        """#

    static let check = #"""
        <h1>{{t.check_title}}</h1>
        <p class="step-text">{{serviceName}}</p>
        {{#hasStepErrors}}
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title">{{t.error_summary_title}}</h2>
        <ul>{{#stepErrors}}<li><a href="{{href}}">{{message}}</a></li>{{/stepErrors}}</ul>
        </div>
        {{/hasStepErrors}}
        {{#sections}}
        <h2>{{heading}}</h2>
        {{#hasRows}}<dl class="check-answers">{{#rows}}<div class="check-row"><dt>{{label}}</dt><dd>{{value}}</dd><dd class="change"><a href="{{change}}">{{t.change}}<span class="visually-hidden"> {{label}}</span></a></dd></div>{{/rows}}</dl>{{/hasRows}}
        {{^hasRows}}<p>{{t.check_nothing}}</p>{{/hasRows}}
        {{/sections}}
        {{>feeQuote}}
        <h2>{{t.check_declaration}}</h2>
        <p>{{t.check_declaration_text}}</p>
        <form action="/antraege/{{draftId}}/absenden{{lq}}" method="post">
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <button type="submit">{{#payFirst}}{{t.pay_submit}}{{/payFirst}}{{^payFirst}}{{t.check_submit}}{{/payFirst}}</button>
        </form>
        {{>resumeNote}}
        """#

    static let confirmation = #"""
        <div class="confirmation panel" role="status">
        <h1>{{t.confirmation_title}}</h1>
        <p>{{t.confirmation_reference}}<br><strong class="reference" data-reference>{{reference}}</strong></p>
        </div>
        <dl class="facts">
        <dt>{{t.confirmation_service}}</dt><dd>{{serviceName}}</dd>
        <dt>{{t.confirmation_authority}}</dt><dd>{{authorityName}}</dd>
        <dt>{{t.confirmation_time}}</dt><dd>{{submittedAt}}</dd>
        {{#actingFor}}<dt>{{t.apply_for_on_receipt}}</dt><dd data-acting-for>{{actingFor}}</dd>{{#submittedBy}}<dt>{{t.apply_submitted_by}}</dt><dd>{{submittedBy}}</dd>{{/submittedBy}}{{/actingFor}}
        </dl>
        {{#replacesWrittenForm}}<p class="notice" data-written-form>{{t.written_form_replaced}} ({{writtenForm}}).</p>{{/replacesWrittenForm}}
        <h2>{{t.confirmation_next}}</h2>
        <p>{{t.confirmation_next_text}}</p>
        {{#anonymous}}<p>{{t.confirmation_anonymous}}</p>{{/anonymous}}
        <p><a href="/antraege/eingereicht/{{id}}/quittung{{lq}}">{{t.receipt_link}}</a></p>
        """#

    static let receipt = #"""
        <h1>{{t.receipt_title}}</h1>
        <dl class="facts">
        <dt>{{t.confirmation_reference}}</dt><dd data-reference>{{reference}}</dd>
        <dt>{{t.confirmation_service}}</dt><dd>{{serviceName}}</dd>
        <dt>{{t.confirmation_authority}}</dt><dd>{{authorityName}}</dd>
        <dt>{{t.confirmation_time}}</dt><dd>{{submittedAt}}</dd>
        <dt>{{t.receipt_hash}}</dt><dd><code>{{contentHash}}</code></dd>
        {{#actingFor}}<dt>{{t.apply_for_on_receipt}}</dt><dd data-acting-for>{{actingFor}}</dd>{{#submittedBy}}<dt>{{t.apply_submitted_by}}</dt><dd>{{submittedBy}}</dd>{{/submittedBy}}{{/actingFor}}
        </dl>
        {{#replacesWrittenForm}}<p class="notice" data-written-form>{{t.written_form_replaced}} ({{writtenForm}}).</p>{{/replacesWrittenForm}}
        {{#sections}}<h2>{{heading}}</h2><dl class="check-answers">{{#rows}}<div class="check-row"><dt>{{label}}</dt><dd>{{value}}</dd></div>{{/rows}}</dl>{{/sections}}
        <p class="hint">{{t.receipt_note}}</p>
        """#

    static let mine = #"""
        <h1>{{t.my_applications_title}}</h1>
        <h2>{{t.my_drafts}}</h2>
        {{#hasDrafts}}<ul>{{#drafts}}<li><a href="{{href}}">{{name}}</a> <span class="meta">({{t.my_draft_expires}} {{expires}})</span></li>{{/drafts}}</ul>{{/hasDrafts}}
        {{^hasDrafts}}<p>{{t.my_none}}</p>{{/hasDrafts}}
        <h2>{{t.my_submitted}}</h2>
        {{#hasSubmissions}}<ul>{{#submissions}}<li><a href="{{href}}">{{name}}</a> <span class="meta">{{reference}}, {{at}}</span></li>{{/submissions}}</ul>{{/hasSubmissions}}
        {{^hasSubmissions}}<p>{{t.my_none}}</p>{{/hasSubmissions}}
        <p><a href="/konto/zahlungen{{lq}}">{{t.pay_mine_link}}</a></p>
        """#

    static let inbox = #"""
        <h1>{{t.inbox_title}}</h1>
        <p>{{t.inbox_intro}}</p>
        {{#hasItems}}<ul>{{#items}}<li><a href="{{href}}">{{reference}}</a> – {{name}} <span class="meta">({{at}})</span></li>{{/items}}</ul>{{/hasItems}}
        {{^hasItems}}<p>{{t.inbox_empty}}</p>{{/hasItems}}
        """#

    static let inboxItem = #"""
        <p><a href="/behoerde/eingang{{lq}}" class="back-link">{{t.back}}</a></p>
        <h1>{{reference}}</h1>
        <dl class="facts">
        <dt>{{t.confirmation_service}}</dt><dd>{{serviceName}}</dd>
        <dt>{{t.confirmation_time}}</dt><dd>{{submittedAt}}</dd>
        <dt>{{t.receipt_hash}}</dt><dd><code>{{contentHash}}</code> {{#intact}}({{t.inbox_intact}}){{/intact}}{{^intact}}<strong>({{t.inbox_tampered}})</strong>{{/intact}}</dd>
        {{#actingFor}}<dt>{{t.apply_for_on_receipt}}</dt><dd data-acting-for>{{actingFor}}</dd>{{#submittedBy}}<dt>{{t.apply_submitted_by}}</dt><dd>{{submittedBy}}</dd>{{/submittedBy}}{{/actingFor}}
        </dl>
        {{#sections}}<h2>{{heading}}</h2><dl class="check-answers">{{#rows}}<div class="check-row"><dt>{{label}}</dt><dd>{{value}}</dd></div>{{/rows}}</dl>{{/sections}}
        <h2>{{t.inbox_events}}</h2>
        <ul>{{#events}}<li>{{kind}} <span class="meta">({{at}})</span></li>{{/events}}</ul>
        """#
}
