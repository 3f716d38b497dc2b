/// Templates of login, account and mailbox pages (Mustache, auto-escaped).
enum AccountTemplates {
    static let errorSummary = #"""
        {{#hasErrors}}
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title">{{t.error_summary_title}}</h2>
        <ul>{{#errors}}<li><a href="#{{field}}">{{message}}</a></li>{{/errors}}</ul>
        </div>
        {{/hasErrors}}
        """#

    static let login = #"""
        <h1>{{t.login_title}}</h1>
        {{#stepUp}}<p class="notice" role="note"><strong>{{stepUp}}</strong></p>{{/stepUp}}
        <p>{{t.login_intro}}</p>
        {{#demo}}
        <section class="panel" aria-labelledby="testeid-heading">
        <h2 id="testeid-heading">{{t.login_testeid}}</h2>
        <p>{{t.login_testeid_hint}}</p>
        <p><a class="button" href="/anmelden/test-eid?next={{nextQuery}}{{levelQuery}}{{lqa}}">{{t.login_testeid}}</a></p>
        </section>
        {{/demo}}
        {{#eid}}
        <section class="panel" aria-labelledby="eid-heading">
        <h2 id="eid-heading">{{t.login_eid}}</h2>
        <p>{{t.login_eid_hint}}</p>
        <p><a class="button" href="/anmelden/eid?next={{nextQuery}}{{levelQuery}}{{lqa}}">{{t.login_eid}}</a></p>
        </section>
        {{/eid}}
        {{^eid}}<p>{{t.login_bundid}}</p>{{/eid}}
        <p><a href="/mitarbeiter/anmelden{{lq}}">{{t.login_staff}}</a></p>
        """#

    static let testEID = #"""
        <h1>{{t.testeid_title}}</h1>
        <p class="notice" role="note"><strong>{{t.testeid_warning}}</strong></p>
        {{>errorSummary}}
        <form action="/anmelden/test-eid{{lq}}" method="post" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <input type="hidden" name="next" value="{{next}}">
        <fieldset id="person">
        <legend>{{t.testeid_person}}</legend>
        {{#people}}<div class="choice"><input type="radio" id="person-{{id}}" name="person" value="{{id}}"{{#checked}} checked{{/checked}}><label for="person-{{id}}">{{name}} ({{birth}})</label></div>{{/people}}
        </fieldset>
        <fieldset>
        <legend>{{t.testeid_level}}</legend>
        {{#levels}}<div class="choice"><input type="radio" id="level-{{value}}" name="level" value="{{value}}"{{#checked}} checked{{/checked}}><label for="level-{{value}}">{{label}}</label></div>{{/levels}}
        </fieldset>
        <button type="submit">{{t.testeid_submit}}</button>
        </form>
        """#

    static let staffLogin = #"""
        <h1>{{t.staff_login_title}}</h1>
        {{>errorSummary}}
        {{#directory}}<p><a class="button" href="/mitarbeiter/anmelden/oidc{{lq}}">{{t.staff_login_directory}}</a></p>{{/directory}}
        <form action="/mitarbeiter/anmelden{{lq}}" method="post" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field">
        <label for="email">{{t.staff_email}}</label>
        {{#emailError}}<p class="field-error" id="email-error">{{emailError}}</p>{{/emailError}}
        <input id="email" name="email" type="text" inputmode="email" autocomplete="username" spellcheck="false" value="{{email}}" required{{#emailError}} aria-invalid="true" aria-describedby="email-error"{{/emailError}}>
        </div>
        <div class="field">
        <label for="password">{{t.staff_password}}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        </div>
        <div class="field">
        <label for="code">{{t.staff_code}}</label>
        <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required>
        </div>
        <button type="submit">{{t.staff_submit}}</button>
        </form>
        """#

    static let logoutForm = #"""
        <form action="/abmelden{{lq}}" method="post">
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <button type="submit">{{t.account_logout}}</button>
        </form>
        """#

    static let account = #"""
        <h1>{{t.account_title}}</h1>
        <dl class="facts">
        <dt>{{t.account_name}}</dt><dd>{{name}}</dd>
        <dt>{{t.account_kind}}</dt><dd>{{kind}}</dd>
        <dt>{{t.account_level}}</dt><dd>{{level}}</dd>
        <dt>{{t.account_since}}</dt><dd>{{since}}</dd>
        <dt>{{t.account_id}}</dt><dd data-account-id="{{accountID}}"><code>{{accountID}}</code></dd>
        {{#isStaff}}<dt>{{t.account_authority}}</dt><dd>{{authorityName}}</dd><dt>{{t.account_roles}}</dt><dd>{{roles}}</dd>{{/isStaff}}
        </dl>
        {{#isCitizen}}<p><a href="/konto/postfach{{lq}}">{{t.account_mailbox}}</a> ({{unread}} {{t.account_unread}})</p>
        <p><a href="/konto/antraege{{lq}}">{{t.my_applications_title}}</a> · <a href="/konto/vorgaenge{{lq}}">{{t.my_cases_title}}</a> · <a href="/konto/zahlungen{{lq}}">{{t.pay_mine_title}}</a> · <a href="/konto/datenschutz{{lq}}">{{t.cockpit_title}}</a></p>
        <form action="/konto/benachrichtigung{{lq}}" method="post">
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field">
        <label for="notification_email">{{t.account_notify_label}} <span class="optional">({{t.optional}})</span></label>
        <p class="hint" id="notify-hint">{{t.account_notify_hint}}</p>
        <input id="notification_email" name="notification_email" type="email" autocomplete="email" value="{{notificationEmail}}" aria-describedby="notify-hint">
        </div>
        <button type="submit">{{t.account_notify_submit}}</button>
        </form>{{/isCitizen}}
        {{#isStaff}}<p><a href="/behoerde/postausgang{{lq}}">{{t.account_outbox}}</a> · <a href="/behoerde/vorgaenge{{lq}}">{{t.cases_inbox_title}}</a> · <a href="/behoerde/eingang{{lq}}">{{t.inbox_title}}</a></p>{{/isStaff}}
        {{#isAuthorityAdmin}}<p><a href="/behoerde/mitarbeiter{{lq}}">{{t.staff_title}}</a></p>{{/isAuthorityAdmin}}
        {{#isCitizen}}<p><a href="/konto/organisationen{{lq}}">{{t.org_title}}</a> · <a href="/konto/vollmachten{{lq}}">{{t.mandate_title}}</a></p>{{/isCitizen}}
        <h2>{{t.account_history}}</h2>
        <ul>{{#history}}<li><time>{{at}}</time> {{event}}</li>{{/history}}</ul>
        <p>{{t.account_data}}</p>
        {{>logoutForm}}
        {{#isCitizen}}
        <section class="panel" aria-labelledby="delete-heading">
        <h2 id="delete-heading">{{t.account_delete}}</h2>
        <p>{{t.account_delete_what}}</p>
        <p>{{t.account_delete_kept}}</p>
        <form action="/konto/loeschen{{lq}}" method="post">
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field checkbox"><input id="confirm" name="confirm" type="checkbox" value="1" required><label for="confirm">{{t.account_delete_confirm}}</label></div>
        <button type="submit">{{t.account_delete_submit}}</button>
        </form>
        </section>
        {{/isCitizen}}
        """#

    static let mailbox = #"""
        <h1>{{t.mailbox_title}}{{#orgName}}: {{orgName}}{{/orgName}}{{#actingFor}}: {{actingFor}}{{/actingFor}}</h1>
        {{#actingFor}}<p class="notice" role="note"><strong>{{t.mandate_acting_for}} {{actingFor}}</strong></p>{{/actingFor}}
        {{#empty}}<p>{{t.mailbox_empty}}</p>{{/empty}}
        {{^empty}}
        <table class="messages">
        <caption class="visually-hidden">{{t.mailbox_title}}</caption>
        <thead><tr><th scope="col">{{t.mailbox_date}}</th><th scope="col">{{t.mailbox_from}}</th><th scope="col">{{t.mailbox_subject}}</th></tr></thead>
        <tbody>
        {{#messages}}<tr><td>{{date}}</td><td>{{from}}</td><td><a href="{{base}}/{{id}}{{lq}}">{{subject}}</a>{{#unread}} <strong>({{t.mailbox_unread}})</strong>{{/unread}}</td></tr>{{/messages}}
        </tbody>
        </table>
        {{/empty}}
        <p><a href="/konto{{lq}}">{{t.account_title}}</a></p>
        """#

    static let messageView = #"""
        <h1>{{subject}}</h1>
        {{#actingFor}}<p class="notice" role="note"><strong>{{t.mandate_acting_for}} {{actingFor}}</strong></p>{{/actingFor}}
        <p>{{t.mailbox_from}}: {{from}} · <time>{{date}}</time></p>
        <div class="message-body">{{#paragraphs}}<p>{{.}}</p>{{/paragraphs}}</div>
        {{#caseHref}}<p><a href="{{caseHref}}" data-case-link>{{t.mailbox_open_case}}</a></p>{{/caseHref}}
        {{#hasAttachments}}<h2>{{t.mailbox_attachments}}</h2><ul>{{#attachments}}<li><a href="{{url}}" download>{{name}}</a> ({{size}})</li>{{/attachments}}</ul>{{/hasAttachments}}
        {{#canReply}}
        <form action="{{base}}/{{id}}/antwort{{lq}}" method="post">
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field">
        <label for="body">{{t.mailbox_reply_label}}</label>
        <textarea id="body" name="body" rows="5" maxlength="5000" required></textarea>
        </div>
        <button type="submit">{{t.mailbox_reply_submit}}</button>
        </form>
        {{/canReply}}
        <p><a href="{{base}}{{lq}}">{{t.mailbox_back}}</a></p>
        """#

    static let organisations = #"""
        <h1>{{t.org_title}}</h1>
        {{>errorSummary}}
        {{#hasMemberships}}
        <ul>{{#memberships}}<li><a href="/konto/organisationen/{{id}}{{lq}}">{{name}}</a> ({{roles}})</li>{{/memberships}}</ul>
        {{/hasMemberships}}
        {{^hasMemberships}}<p>{{t.org_none}}</p>{{/hasMemberships}}
        <h2>{{t.org_create}}</h2>
        <p>{{t.org_create_hint}}</p>
        <form action="/konto/organisationen{{lq}}" method="post" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field">
        <label for="name">{{t.org_name}}</label>
        {{#nameError}}<p class="field-error" id="name-error">{{nameError}}</p>{{/nameError}}
        <input id="name" name="name" type="text" maxlength="200" value="{{draftName}}" required{{#nameError}} aria-invalid="true" aria-describedby="name-error"{{/nameError}}>
        </div>
        <button type="submit">{{t.org_create_submit}}</button>
        </form>
        """#

    static let organisation = #"""
        <h1>{{name}}</h1>
        {{>errorSummary}}
        <dl class="facts"><dt>{{t.account_id}}</dt><dd data-account-id="{{id}}"><code>{{id}}</code></dd><dt>{{t.org_your_roles}}</dt><dd>{{yourRoles}}</dd></dl>
        {{#canReadMailbox}}<p><a href="/konto/organisationen/{{id}}/postfach{{lq}}">{{t.mailbox_title}}</a></p>{{/canReadMailbox}}
        <h2>{{t.org_members}}</h2>
        <ul>{{#members}}<li>{{name}} ({{roles}})</li>{{/members}}</ul>
        {{#isAdmin}}
        <h2>{{t.org_set_roles}}</h2>
        <form action="/konto/organisationen/{{id}}/mitglieder{{lq}}" method="post" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field">
        <label for="member">{{t.org_member_id}}</label>
        {{#memberError}}<p class="field-error" id="member-error">{{memberError}}</p>{{/memberError}}
        <input id="member" name="member" type="text" maxlength="64" required{{#memberError}} aria-invalid="true" aria-describedby="member-error"{{/memberError}}>
        </div>
        <fieldset>
        <legend>{{t.org_roles}}</legend>
        {{#roleChoices}}<div class="choice"><input type="checkbox" id="role-{{value}}" name="role_{{value}}" value="1"><label for="role-{{value}}">{{label}}</label></div>{{/roleChoices}}
        </fieldset>
        <button type="submit">{{t.org_set_roles_submit}}</button>
        </form>
        {{/isAdmin}}
        <p><a href="/konto/organisationen{{lq}}">{{t.org_title}}</a></p>
        """#

    static let staff = #"""
        <h1>{{t.staff_title}}: {{authorityName}}</h1>
        {{>errorSummary}}
        {{#created}}
        <section class="panel notice" role="status" aria-labelledby="created-heading">
        <h2 id="created-heading">{{t.staff_created}}</h2>
        <p>{{t.staff_created_hint}}</p>
        <dl class="facts"><dt>{{t.staff_email}}</dt><dd>{{email}}</dd><dt>{{t.staff_password}}</dt><dd><code>{{password}}</code></dd>
        <dt>{{t.staff_secret}}</dt><dd><code>{{otpauth}}</code></dd></dl>
        </section>
        {{/created}}
        <table class="messages" id="staff">
        <caption>{{t.staff_list}}</caption>
        <thead><tr><th scope="col">{{t.account_name}}</th><th scope="col">{{t.staff_email}}</th><th scope="col">{{t.account_roles}}</th></tr></thead>
        <tbody>
        {{#staff}}<tr><td>{{name}}{{#locked}} ({{t.staff_locked}}){{/locked}}</td><td>{{email}}</td><td>
        <form action="/behoerde/mitarbeiter/{{id}}/rollen{{lq}}" method="post">
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <fieldset><legend>{{t.account_roles}}: {{name}}</legend>
        {{#choices}}<div class="choice"><input type="checkbox" id="r-{{member}}-{{value}}" name="role_{{value}}" value="1"{{#checked}} checked{{/checked}}><label for="r-{{member}}-{{value}}">{{label}}</label></div>{{/choices}}
        </fieldset>
        <button type="submit">{{t.org_set_roles_submit}}</button>
        </form></td></tr>{{/staff}}
        </tbody>
        </table>
        <h2>{{t.team_title}}</h2>
        {{#hasTeams}}<ul>{{#teams}}<li><strong>{{name}}</strong>: {{services}}; {{areas}}. {{t.org_members}}: {{members}}
        <form class="inline" action="/behoerde/teams/{{id}}/mitglieder{{lq}}" method="post">
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <label for="member-{{id}}">{{t.team_member}} ({{name}})</label>
        <select id="member-{{id}}" name="member">{{#staffChoices}}<option value="{{id}}">{{name}}</option>{{/staffChoices}}</select>
        <button type="submit" name="action" value="add">{{t.team_add_member}}</button>
        <button type="submit" name="action" value="remove">{{t.team_remove_member}}</button>
        </form></li>{{/teams}}</ul>{{/hasTeams}}
        <form action="/behoerde/teams{{lq}}" method="post" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field">
        <label for="team_name">{{t.team_name}}</label>
        {{#team_nameError}}<p class="field-error" id="team_name-error">{{team_nameError}}</p>{{/team_nameError}}
        <input id="team_name" name="team_name" type="text" maxlength="200" required>
        </div>
        <div class="field">
        <label for="team_services">{{t.team_services}} <span class="optional">({{t.optional}})</span></label>
        {{#team_servicesError}}<p class="field-error" id="team_services-error">{{team_servicesError}}</p>{{/team_servicesError}}
        <input id="team_services" name="team_services" type="text" inputmode="numeric">
        </div>
        <div class="field">
        <label for="team_areas">{{t.team_areas}} <span class="optional">({{t.optional}})</span></label>
        {{#team_areasError}}<p class="field-error" id="team_areas-error">{{team_areasError}}</p>{{/team_areasError}}
        <input id="team_areas" name="team_areas" type="text" inputmode="numeric">
        </div>
        <button type="submit">{{t.team_create}}</button>
        </form>
        <h2>{{t.staff_add}}</h2>
        <form action="/behoerde/mitarbeiter{{lq}}" method="post" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field">
        <label for="name">{{t.account_name}}</label>
        {{#nameError}}<p class="field-error" id="name-error">{{nameError}}</p>{{/nameError}}
        <input id="name" name="name" type="text" maxlength="200" required{{#nameError}} aria-invalid="true" aria-describedby="name-error"{{/nameError}}>
        </div>
        <div class="field">
        <label for="email">{{t.staff_email}}</label>
        {{#emailError}}<p class="field-error" id="email-error">{{emailError}}</p>{{/emailError}}
        <input id="email" name="email" type="email" maxlength="254" required{{#emailError}} aria-invalid="true" aria-describedby="email-error"{{/emailError}}>
        </div>
        <fieldset>
        <legend>{{t.account_roles}}</legend>
        {{#role_clerkError}}<p class="field-error" id="roles-error">{{role_clerkError}}</p>{{/role_clerkError}}
        {{#roleChoices}}<div class="choice"><input type="checkbox" id="role_{{value}}" name="role_{{value}}" value="1"><label for="role_{{value}}">{{label}}</label></div>{{/roleChoices}}
        </fieldset>
        <button type="submit">{{t.staff_add_submit}}</button>
        </form>
        """#

    static let mandates = #"""
        <h1>{{t.mandate_title}}</h1>
        <p>{{t.mandate_intro}}</p>
        {{>errorSummary}}
        <h2>{{t.mandate_received}}</h2>
        {{#hasReceived}}<ul>{{#received}}<li>{{name}} ({{kind}}): <a href="/konto/vollmachten/{{id}}/postfach{{lq}}">{{t.mandate_open_mailbox}}</a></li>{{/received}}</ul>{{/hasReceived}}
        {{^hasReceived}}<p>{{t.mandate_none}}</p>{{/hasReceived}}
        <h2>{{t.mandate_granted}}</h2>
        {{#hasGranted}}<ul>{{#granted}}<li>{{name}} ({{kind}}{{#until}}, {{t.mandate_until}} {{until}}{{/until}})
        <form class="inline" action="/konto/vollmachten/{{id}}/widerrufen{{lq}}" method="post"><input type="hidden" name="csrf_token" value="{{csrfToken}}"><button type="submit">{{t.mandate_revoke}} ({{name}})</button></form></li>{{/granted}}</ul>{{/hasGranted}}
        {{^hasGranted}}<p>{{t.mandate_none}}</p>{{/hasGranted}}
        <h2>{{t.mandate_grant}}</h2>
        <form action="/konto/vollmachten{{lq}}" method="post" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field">
        <label for="agent">{{t.mandate_agent}}</label>
        {{#agentError}}<p class="field-error" id="agent-error">{{agentError}}</p>{{/agentError}}
        <input id="agent" name="agent" type="text" maxlength="64" required{{#agentError}} aria-invalid="true" aria-describedby="agent-error"{{/agentError}}>
        </div>
        <fieldset>
        <legend>{{t.mandate_kind}}</legend>
        {{#kinds}}<div class="choice"><input type="radio" id="kind-{{value}}" name="kind" value="{{value}}"{{#checked}} checked{{/checked}}><label for="kind-{{value}}">{{label}}</label></div>{{/kinds}}
        </fieldset>
        <div class="field">
        <label for="until">{{t.mandate_until_label}} <span class="optional">({{t.optional}})</span></label>
        {{#untilError}}<p class="field-error" id="until-error">{{untilError}}</p>{{/untilError}}
        <input id="until" name="until" type="date"{{#untilError}} aria-invalid="true" aria-describedby="until-error"{{/untilError}}>
        </div>
        <button type="submit">{{t.mandate_grant_submit}}</button>
        </form>
        """#

    static let outbox = #"""
        <h1>{{t.outbox_title}}</h1>
        {{#sent}}<p class="notice" role="status">{{t.outbox_sent}}</p>{{/sent}}
        {{>errorSummary}}
        <form action="/behoerde/postausgang{{lq}}" method="post" novalidate enctype="multipart/form-data">
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field">
        <label for="recipient">{{t.outbox_recipient}}</label>
        {{#recipientError}}<p class="field-error" id="recipient-error">{{recipientError}}</p>{{/recipientError}}
        <input id="recipient" name="recipient" type="text" maxlength="64" value="{{recipient}}" required{{#recipientError}} aria-invalid="true" aria-describedby="recipient-error"{{/recipientError}}>
        </div>
        <div class="field">
        <label for="subject">{{t.outbox_subject}}</label>
        {{#subjectError}}<p class="field-error" id="subject-error">{{subjectError}}</p>{{/subjectError}}
        <input id="subject" name="subject" type="text" maxlength="200" value="{{subject}}" required{{#subjectError}} aria-invalid="true" aria-describedby="subject-error"{{/subjectError}}>
        </div>
        <div class="field">
        <label for="body">{{t.outbox_body}}</label>
        {{#bodyError}}<p class="field-error" id="body-error">{{bodyError}}</p>{{/bodyError}}
        <textarea id="body" name="body" rows="8" required{{#bodyError}} aria-invalid="true" aria-describedby="body-error"{{/bodyError}}>{{body}}</textarea>
        </div>
        <div class="field">
        <label for="attachment">{{t.outbox_attachment}} <span class="optional">({{t.optional}})</span></label>
        <p class="hint" id="attachment-hint">{{t.outbox_attachment_hint}}</p>
        {{#attachmentError}}<p class="field-error" id="attachment-error">{{attachmentError}}</p>{{/attachmentError}}
        <input id="attachment" name="attachment" type="file" accept="application/pdf,image/jpeg,image/png" aria-describedby="attachment-hint{{#attachmentError}} attachment-error{{/attachmentError}}"{{#attachmentError}} aria-invalid="true"{{/attachmentError}}>
        </div>
        <button type="submit">{{t.outbox_submit}}</button>
        </form>
        """#
}
