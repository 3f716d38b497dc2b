/// Templates of case processing: the clerk's inbox, case view, involvements and paper intake;
/// the applicant's cases.
enum CaseTemplates {
    static let inbox = #"""
        <h1>{{t.cases_inbox_title}}</h1>
        <p><a href="/behoerde/vorgaenge/neu{{lq}}">{{t.case_intake_title}}</a> · <a href="/behoerde/beteiligungen{{lq}}">{{t.cases_involvements_title}}</a> · <a href="/behoerde/stichproben{{lq}}">{{t.cases_samples_title}}</a> · <a href="/behoerde/zahlungen{{lq}}">{{t.pay_staff_title}}</a></p>
        <form class="filters" action="/behoerde/vorgaenge" method="get" role="search" aria-label="{{t.cases_filter_label}}">
        {{#langEN}}<input type="hidden" name="lang" value="en">{{/langEN}}
        <div class="field"><label for="f-status">{{t.cases_filter_status}}</label>
        <select id="f-status" name="status">{{{statusOptionsHTML}}}</select></div>
        <div class="field"><label for="f-service">{{t.cases_filter_service}}</label>
        <select id="f-service" name="service"><option value="">{{t.cases_filter_all_services}}</option>{{{serviceOptionsHTML}}}</select></div>
        <div class="field"><label for="f-assignee">{{t.cases_filter_assignee}}</label>
        <select id="f-assignee" name="assignee">{{{assigneeOptionsHTML}}}</select></div>
        <div class="field"><label for="f-sort">{{t.cases_sort}}</label>
        <select id="f-sort" name="sort">{{{sortOptionsHTML}}}</select></div>
        <div class="choice"><input type="checkbox" id="f-overdue" name="overdue" value="1"{{#overdueChecked}} checked{{/overdueChecked}}><label for="f-overdue">{{t.cases_filter_overdue}}</label></div>
        <button type="submit">{{t.cases_filter_apply}}</button>
        </form>
        {{#hasItems}}
        <table class="messages" id="cases">
        <caption>{{t.cases_inbox_caption}}</caption>
        <thead><tr><th scope="col">{{t.case_number}}</th><th scope="col">{{t.case_service}}</th><th scope="col">{{t.case_applicant}}</th><th scope="col">{{t.case_received}}</th><th scope="col">{{t.case_deadline}}</th><th scope="col">{{t.case_status}}</th><th scope="col">{{t.case_assignee}}</th></tr></thead>
        <tbody>
        {{{rowsHTML}}}
        </tbody>
        </table>
        {{/hasItems}}
        {{^hasItems}}<p>{{t.cases_empty}}</p>{{/hasItems}}
        <nav aria-label="{{t.cases_pages}}"><p>{{#first}}<a href="{{first}}">{{t.cases_first_page}}</a> {{/first}}{{#next}}<a href="{{next}}" rel="next">{{t.cases_next_page}}</a>{{/next}}</p></nav>
        """#

    static let view = #"""
        <p><a href="/behoerde/vorgaenge{{lq}}" class="back-link">{{t.cases_inbox_title}}</a></p>
        <h1>{{t.case_title}} {{number}}</h1>
        {{>errorSummary}}
        <dl class="facts">
        <dt>{{t.case_service}}</dt><dd>{{service}}</dd>
        <dt>{{t.case_authority}}</dt><dd>{{authority}}</dd>
        <dt>{{t.case_applicant}}</dt><dd>{{applicant}}</dd>
        <dt>{{t.case_received}}</dt><dd>{{received}} ({{channel}})</dd>
        <dt>{{t.case_deadline}}</dt><dd>{{deadline}}{{#overdue}} <strong class="flag">{{t.cases_overdue}}</strong>{{/overdue}}</dd>
        <dt>{{t.case_status}}</dt><dd data-status>{{status}}</dd>
        {{#responsible}}<dt>{{t.case_open_tasks}}</dt><dd data-tasks>{{tasks}}</dd>
        <dt>{{t.case_assignee}}</dt><dd>{{assignee}}{{^assignee}}{{t.cases_unassigned}}{{/assignee}}</dd>{{/responsible}}
        </dl>
        {{#involved}}
        <section class="panel" aria-labelledby="share-heading"><h2 id="share-heading">{{t.case_involvement}}</h2>
        {{#shares}}<p>{{task}}</p>
        {{#answered}}<p><strong>{{t.case_statement}}:</strong> {{answer}}</p>{{/answered}}
        {{^answered}}<form action="{{action}}" method="post" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field"><label for="statement">{{t.case_statement}}</label>
        {{#statementError}}<p class="field-error" id="statement-error">{{statementError}}</p>{{/statementError}}
        <textarea id="statement" name="statement" rows="4" maxlength="10000"{{#statementError}} aria-invalid="true" aria-describedby="statement-error"{{/statementError}}></textarea></div>
        <button type="submit">{{t.case_statement_submit}}</button></form>{{/answered}}{{/shares}}
        </section>
        {{/involved}}
        {{#responsible}}
        <section class="panel" aria-labelledby="actions-heading" id="actions"><h2 id="actions-heading">{{t.case_actions}}</h2>
        {{^mine}}<form class="inline" action="/behoerde/vorgaenge/{{id}}/zuweisen{{lq}}" method="post">
        <input type="hidden" name="csrf_token" value="{{csrfToken}}"><input type="hidden" name="assignee" value="me">
        <button type="submit">{{t.case_claim}}</button></form>{{/mine}}
        <form class="inline" action="/behoerde/vorgaenge/{{id}}/zuweisen{{lq}}" method="post">
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <label for="assignee">{{t.case_assign_to}}</label>
        <select id="assignee" name="assignee"><option value="">{{t.cases_unassigned}}</option>{{#staffOptions}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/staffOptions}}</select>
        <button type="submit">{{t.case_assign}}</button></form>
        {{#canQueryRegister}}<form class="inline" action="/behoerde/vorgaenge/{{id}}/melderegister{{lq}}" method="post" id="register">
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        {{#registerError}}<p class="field-error" id="register-error">{{registerError}}</p>{{/registerError}}
        <button type="submit"{{#registerError}} aria-describedby="register-error"{{/registerError}}>{{t.case_register_query}}</button> <span class="hint">{{t.case_register_hint}}</span></form>{{/canQueryRegister}}
        {{#canCheck}}
        <form action="/behoerde/vorgaenge/{{id}}/pruefen{{lq}}" method="post" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <fieldset{{#complete_yesError}} aria-invalid="true" aria-describedby="complete-error"{{/complete_yesError}}><legend>{{t.case_task_check}}</legend>
        {{#complete_yesError}}<p class="field-error" id="complete-error">{{complete_yesError}}</p>{{/complete_yesError}}
        <div class="choice"><input type="radio" id="complete_yes" name="complete" value="yes"{{#postedCompleteYes}} checked{{/postedCompleteYes}}><label for="complete_yes">{{t.case_complete_yes}}</label></div>
        {{#canRequest}}<div class="choice"><input type="radio" id="complete_no" name="complete" value="no"{{#postedCompleteNo}} checked{{/postedCompleteNo}}><label for="complete_no">{{t.case_complete_no}}</label></div>{{/canRequest}}
        </fieldset>
        {{#canRequest}}
        <div class="field"><label for="request">{{t.case_request_text}} <span class="optional">({{t.case_request_when}})</span></label>
        {{#requestError}}<p class="field-error" id="request-error">{{requestError}}</p>{{/requestError}}
        <textarea id="request" name="request" rows="3" maxlength="10000"{{#requestError}} aria-invalid="true" aria-describedby="request-error"{{/requestError}}>{{postedRequest}}</textarea></div>
        <div class="field"><label for="days">{{t.case_request_days}}</label>
        {{#daysError}}<p class="field-error" id="days-error">{{daysError}}</p>{{/daysError}}
        <input id="days" name="days" type="text" inputmode="numeric" value="{{postedDays}}" size="4"{{#daysError}} aria-invalid="true" aria-describedby="days-error"{{/daysError}}></div>
        {{/canRequest}}
        <button type="submit">{{t.case_check_submit}}</button>
        </form>
        {{/canCheck}}
        {{#request}}<p class="notice" role="status">{{t.case_waiting_for}}: {{text}} ({{t.case_until}} {{deadline}})</p>{{/request}}
        {{#canDecide}}
        <form action="/behoerde/vorgaenge/{{id}}/entscheiden{{lq}}" method="post" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <fieldset{{#outcome_approvedError}} aria-invalid="true" aria-describedby="outcome-error"{{/outcome_approvedError}}><legend>{{t.case_task_decide}}</legend>
        {{#outcome_approvedError}}<p class="field-error" id="outcome-error">{{outcome_approvedError}}</p>{{/outcome_approvedError}}
        {{#outcomes}}<div class="choice"><input type="radio" id="outcome_{{value}}" name="outcome" value="{{value}}"{{#checked}} checked{{/checked}}><label for="outcome_{{value}}">{{label}}</label></div>{{/outcomes}}
        </fieldset>
        <div class="field"><label for="reasons">{{t.case_reasons}}</label>
        {{#reasonsError}}<p class="field-error" id="reasons-error">{{reasonsError}}</p>{{/reasonsError}}
        <textarea id="reasons" name="reasons" rows="5" maxlength="10000"{{#reasonsError}} aria-invalid="true" aria-describedby="reasons-error"{{/reasonsError}}>{{postedReasons}}</textarea></div>
        <button type="submit">{{t.case_decide_submit}}</button>
        </form>
        {{/canDecide}}
        {{#decision}}<p><strong>{{t.case_decision}}:</strong> {{outcome}} ({{at}}){{#automated}} – <span data-automated>{{t.case_decided_automatically}}</span>{{/automated}}{{#reasons}}: {{reasons}}{{/reasons}}</p>{{/decision}}
        {{#canSampleCheck}}
        <form action="/behoerde/vorgaenge/{{id}}/stichprobe{{lq}}" method="post" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <fieldset{{#agree_yesError}} aria-invalid="true" aria-describedby="agree-error"{{/agree_yesError}}><legend>{{t.case_sample_check}}</legend>
        {{#agree_yesError}}<p class="field-error" id="agree-error">{{agree_yesError}}</p>{{/agree_yesError}}
        <div class="choice"><input type="radio" id="agree_yes" name="agree" value="yes"><label for="agree_yes">{{t.case_sample_agree}}</label></div>
        <div class="choice"><input type="radio" id="agree_no" name="agree" value="no"><label for="agree_no">{{t.case_sample_disagree}}</label></div>
        </fieldset>
        <div class="field"><label for="sample_reason">{{t.case_sample_reason}}</label>
        {{#sample_reasonError}}<p class="field-error" id="sample_reason-error">{{sample_reasonError}}</p>{{/sample_reasonError}}
        <textarea id="sample_reason" name="sample_reason" rows="3" maxlength="10000"{{#sample_reasonError}} aria-invalid="true" aria-describedby="sample_reason-error"{{/sample_reasonError}}></textarea></div>
        <button type="submit">{{t.case_sample_submit}}</button>
        </form>
        {{/canSampleCheck}}
        {{#proposal}}<section aria-labelledby="proposal-heading"><h3 id="proposal-heading">{{t.case_proposal}}</h3>
        <p>{{outcome}}{{#tenor}}: {{tenor}}{{/tenor}}</p>
        {{#hasJudgement}}<p>{{t.case_proposal_judgement}}</p><ul>{{#judgement}}<li>{{.}}</li>{{/judgement}}</ul>{{/hasJudgement}}
        <table class="messages"><caption>{{t.wg_trace}}</caption><thead><tr><th scope="col">{{t.wg_trace_value}}</th><th scope="col">{{t.wg_trace_amount}}</th><th scope="col">{{t.wg_trace_norm}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td>{{label}}</td><td>{{value}}</td><td>{{norm}}</td></tr>{{/rows}}</tbody></table></section>{{/proposal}}
        {{#canClose}}<form class="inline" action="/behoerde/vorgaenge/{{id}}/abschliessen{{lq}}" method="post">
        <input type="hidden" name="csrf_token" value="{{csrfToken}}"><button type="submit">{{t.case_close}}</button></form>{{/canClose}}
        <p><a href="/behoerde/vorgaenge/{{id}}/export.zip">{{t.case_export}}</a></p>
        </section>
        {{/responsible}}
        {{#hasSections}}<h2>{{t.case_data}}</h2>{{/hasSections}}
        {{#sections}}<h3>{{heading}}</h3><dl class="check-answers">{{#rows}}<div class="check-row"><dt>{{label}}</dt><dd>{{value}}</dd></div>{{/rows}}</dl>{{/sections}}
        <h2 id="akte">{{t.case_file}}</h2>
        {{#hasDocs}}<table class="messages"><caption>{{t.case_documents}}</caption>
        <thead><tr><th scope="col">{{t.case_document_title}}</th><th scope="col">{{t.case_document_version}}</th><th scope="col">{{t.case_document_at}}</th><th scope="col">SHA-256</th></tr></thead>
        <tbody>{{#documents}}<tr><td><a href="{{href}}">{{title}}</a> <span class="meta">({{filename}}, {{size}})</span></td><td>{{version}}</td><td>{{at}}</td><td><code>{{sha}}…</code></td></tr>{{/documents}}</tbody></table>{{/hasDocs}}
        {{^hasDocs}}<p>{{t.case_no_documents}}</p>{{/hasDocs}}
        {{#responsible}}
        <form action="/behoerde/vorgaenge/{{id}}/dokumente{{lq}}" method="post" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field"><label for="title">{{t.case_document_title}} <span class="optional">({{t.optional}})</span></label><input id="title" name="title" type="text" maxlength="200"></div>
        <div class="field"><label for="file">{{t.case_document_file}}</label>
        {{#fileError}}<p class="field-error" id="file-error">{{fileError}}</p>{{/fileError}}
        <input id="file" name="file" type="file" accept="application/pdf,image/jpeg,image/png"{{#fileError}} aria-invalid="true" aria-describedby="file-error"{{/fileError}}></div>
        <button type="submit">{{t.case_document_add}}</button>
        </form>
        <h2>{{t.case_note}}</h2>
        <form action="/behoerde/vorgaenge/{{id}}/vermerk{{lq}}" method="post" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field"><label for="note">{{t.case_note_text}}</label>
        {{#noteError}}<p class="field-error" id="note-error">{{noteError}}</p>{{/noteError}}
        <textarea id="note" name="note" rows="3" maxlength="10000"{{#noteError}} aria-invalid="true" aria-describedby="note-error"{{/noteError}}></textarea></div>
        <button type="submit">{{t.case_note_add}}</button>
        </form>
        <h2>{{t.case_involve}}</h2>
        {{#hasShares}}<ul>{{#shareList}}<li>{{authority}}: {{task}} <span class="meta">({{at}})</span> – {{answer}}</li>{{/shareList}}</ul>{{/hasShares}}
        <form action="/behoerde/vorgaenge/{{id}}/beteiligen{{lq}}" method="post" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field"><label for="authority">{{t.case_involve_authority}}</label>
        {{#authorityError}}<p class="field-error" id="authority-error">{{authorityError}}</p>{{/authorityError}}
        <input id="authority" name="authority" type="text" maxlength="64" value="{{postedShareAuthority}}"{{#authorityError}} aria-invalid="true" aria-describedby="authority-error"{{/authorityError}}></div>
        <div class="field"><label for="task">{{t.case_involve_task}}</label>
        {{#taskError}}<p class="field-error" id="task-error">{{taskError}}</p>{{/taskError}}
        <textarea id="task" name="task" rows="3" maxlength="10000"{{#taskError}} aria-invalid="true" aria-describedby="task-error"{{/taskError}}>{{postedShareTask}}</textarea></div>
        <fieldset{{#part_dataError}} aria-invalid="true" aria-describedby="parts-error"{{/part_dataError}}><legend>{{t.case_involve_parts}}</legend>
        {{#part_dataError}}<p class="field-error" id="parts-error">{{part_dataError}}</p>{{/part_dataError}}
        <div class="choice"><input type="checkbox" id="part_data" name="part_data" value="1"><label for="part_data">{{t.case_data}}</label></div>
        {{#shareDocuments}}<div class="choice"><input type="checkbox" id="part_doc_{{id}}" name="part_doc_{{id}}" value="1"><label for="part_doc_{{id}}">{{title}}</label></div>{{/shareDocuments}}
        </fieldset>
        <button type="submit">{{t.case_involve_submit}}</button>
        </form>
        {{#hasMessages}}<h2>{{t.case_messages}}</h2>
        <ul>{{#messages}}<li><strong>{{subject}}</strong> <span class="meta">({{direction}}, {{at}})</span>{{#paragraphs}}<br>{{.}}{{/paragraphs}}</li>{{/messages}}</ul>{{/hasMessages}}
        <h2>{{t.case_history}}</h2>
        <ol class="timeline">{{#events}}<li>{{kind}}{{#detail}}: {{detail}}{{/detail}} <span class="meta">({{at}})</span></li>{{/events}}</ol>
        {{/responsible}}
        """#

    static let samples = #"""
        <p><a href="/behoerde/vorgaenge{{lq}}" class="back-link">{{t.cases_inbox_title}}</a></p>
        <h1>{{t.cases_samples_title}}</h1>
        <p>{{t.cases_samples_intro}}</p>
        {{#hasRows}}<table class="messages"><caption>{{t.cases_samples_title}}</caption>
        <thead><tr><th scope="col">{{t.case_service}}</th><th scope="col">{{t.cases_samples_checked}}</th><th scope="col">{{t.cases_samples_disagreed}}</th><th scope="col">{{t.cases_samples_rate}}</th><th scope="col">{{t.cases_samples_open}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td>{{service}}</td><td>{{checked}}</td><td>{{disagreed}}</td><td>{{rate}}</td><td>{{open}}</td></tr>{{/rows}}</tbody></table>{{/hasRows}}
        {{^hasRows}}<p>{{t.cases_samples_none}}</p>{{/hasRows}}
        """#

    static let involvements = #"""
        <h1>{{t.cases_involvements_title}}</h1>
        {{#hasItems}}<ul>{{#items}}<li><a href="{{href}}">{{number}}</a> – {{service}}: {{task}} <span class="meta">({{at}}, {{state}})</span></li>{{/items}}</ul>{{/hasItems}}
        {{^hasItems}}<p>{{t.cases_involvements_empty}}</p>{{/hasItems}}
        """#

    static let intake = #"""
        <p><a href="/behoerde/vorgaenge{{lq}}" class="back-link">{{t.cases_inbox_title}}</a></p>
        <h1>{{t.case_intake_title}}</h1>
        <p>{{t.case_intake_intro}}</p>
        {{>errorSummary}}
        <form action="/behoerde/vorgaenge/neu{{lq}}" method="post" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <fieldset{{#channel_paperError}} aria-invalid="true" aria-describedby="channel-error"{{/channel_paperError}}><legend>{{t.case_intake_channel}}</legend>
        {{#channel_paperError}}<p class="field-error" id="channel-error">{{channel_paperError}}</p>{{/channel_paperError}}
        {{#channels}}<div class="choice"><input type="radio" id="channel_{{value}}" name="channel" value="{{value}}"{{#checked}} checked{{/checked}}><label for="channel_{{value}}">{{label}}</label></div>{{/channels}}
        </fieldset>
        <div class="field"><label for="service">{{t.case_service}}</label>
        {{#serviceError}}<p class="field-error" id="service-error">{{serviceError}}</p>{{/serviceError}}
        <select id="service" name="service"{{#serviceError}} aria-invalid="true" aria-describedby="service-error"{{/serviceError}}>{{#services}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/services}}</select></div>
        <div class="field"><label for="name">{{t.case_applicant}}</label>
        {{#nameError}}<p class="field-error" id="name-error">{{nameError}}</p>{{/nameError}}
        <input id="name" name="name" type="text" maxlength="200" value="{{name}}" autocomplete="off"{{#nameError}} aria-invalid="true" aria-describedby="name-error"{{/nameError}}></div>
        <div class="field"><label for="ars">{{t.case_intake_ars}}</label>
        {{#arsError}}<p class="field-error" id="ars-error">{{arsError}}</p>{{/arsError}}
        <input id="ars" name="ars" type="text" inputmode="numeric" maxlength="12" value="{{ars}}"{{#arsError}} aria-invalid="true" aria-describedby="ars-error"{{/arsError}}></div>
        <div class="field"><label for="file">{{t.case_intake_scan}} <span class="optional">({{t.optional}})</span></label>
        {{#fileError}}<p class="field-error" id="file-error">{{fileError}}</p>{{/fileError}}
        <input id="file" name="file" type="file" accept="application/pdf,image/jpeg,image/png"{{#fileError}} aria-invalid="true" aria-describedby="file-error"{{/fileError}}></div>
        <div class="field"><label for="note">{{t.case_note_text}} <span class="optional">({{t.optional}})</span></label>
        <textarea id="note" name="note" rows="3" maxlength="10000">{{note}}</textarea></div>
        <button type="submit">{{t.case_intake_next}}</button>
        </form>
        """#

    /// Step 2 of entering an application: the service's whole form on one page.
    static let intakeForm = #"""
        <p><a href="/behoerde/vorgaenge{{lq}}" class="back-link">{{t.cases_inbox_title}}</a></p>
        <p class="step-text">{{serviceName}} · {{t.case_intake_step2}}</p>
        <h1>{{t.case_intake_form_title}}</h1>
        <p>{{t.case_intake_form_intro}}</p>
        <dl class="facts"><dt>{{t.case_service}}</dt><dd>{{serviceName}}</dd><dt>{{t.case_intake_channel_short}}</dt><dd data-channel>{{channel}}</dd>
        <dt>{{t.case_applicant}}</dt><dd>{{applicant}}</dd><dt>{{t.case_intake_place}}</dt><dd>{{place}}</dd>
        <dt>{{t.case_intake_scan}}</dt><dd>{{#hasScan}}{{t.form_file_attached}}{{/hasScan}}{{^hasScan}}–{{/hasScan}}</dd>
        {{#hasNote}}<dt>{{t.case_note_text}}</dt><dd>{{note}}</dd>{{/hasNote}}</dl>
        {{>errorSummary}}
        <form action="/behoerde/vorgaenge/neu/antrag{{lq}}" method="post" novalidate{{#multipart}} enctype="multipart/form-data"{{/multipart}}>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        {{{hiddenHTML}}}
        {{#sections}}
        <section class="form-section">
        {{#heading}}<h2>{{heading}}</h2>{{/heading}}{{#intro}}<p class="hint">{{intro}}</p>{{/intro}}
        {{{html}}}
        </section>
        {{/sections}}
        <button type="submit" name="action" value="next">{{t.case_intake_submit}}</button>
        <button type="submit" name="action" value="back" class="secondary" formnovalidate>{{t.case_intake_back}}</button>
        </form>
        """#

    static let mine = #"""
        <h1>{{t.my_cases_title}}</h1>
        {{#hasItems}}<ul>{{#items}}<li><a href="{{href}}">{{service}}</a> <span class="meta">{{number}}, {{received}}</span> – {{status}}{{#action}} <strong>{{t.my_case_action_needed}}</strong>{{/action}}</li>{{/items}}</ul>{{/hasItems}}
        {{^hasItems}}<p>{{t.my_none}}</p>{{/hasItems}}
        """#

    static let mineOne = #"""
        <p><a href="/konto/vorgaenge{{lq}}" class="back-link">{{t.my_cases_title}}</a></p>
        <h1>{{service}}</h1>
        {{>errorSummary}}
        <dl class="facts"><dt>{{t.case_number}}</dt><dd>{{number}}</dd><dt>{{t.case_authority}}</dt><dd>{{authority}}</dd>
        <dt>{{t.case_received}}</dt><dd>{{received}}</dd><dt>{{t.case_status}}</dt><dd data-status>{{status}}</dd></dl>
        <p>{{statusHelp}}</p>
        {{#request}}
        <section class="panel notice" id="unterlagen" aria-labelledby="request-heading">
        <h2 id="request-heading">{{t.my_case_request}}</h2>
        <p>{{text}}</p>
        <p>{{t.case_until}} <strong>{{deadline}}</strong></p>
        <form action="{{action}}" method="post" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field"><label for="documents">{{t.my_case_upload}}</label>
        <p class="hint" id="documents-hint">{{t.my_case_upload_hint}}</p>
        {{#documentsError}}<p class="field-error" id="documents-error">{{documentsError}}</p>{{/documentsError}}
        <input id="documents" name="documents" type="file" multiple accept="application/pdf,image/jpeg,image/png" aria-describedby="documents-hint{{#documentsError}} documents-error{{/documentsError}}"{{#documentsError}} aria-invalid="true"{{/documentsError}}></div>
        <button type="submit">{{t.my_case_upload_submit}}</button>
        </form>
        </section>
        {{/request}}
        {{#decision}}<section class="panel" aria-labelledby="decision-heading"><h2 id="decision-heading">{{t.case_decision}}</h2>
        <p data-decision>{{outcome}}</p>{{#reasons}}<p>{{reasons}}</p>{{/reasons}}
        {{#automated}}<p>{{t.my_case_automated}}</p>{{/automated}}
        <p><a href="/konto/postfach{{lq}}">{{t.my_case_mailbox}}</a></p></section>{{/decision}}
        <h2>{{t.my_case_timeline}}</h2>
        <ol class="timeline">{{#timeline}}<li>{{text}} <span class="meta">({{at}})</span></li>{{/timeline}}</ol>
        {{#hasDocuments}}<h2>{{t.my_case_documents}}</h2><ul>{{#documents}}<li><a href="{{href}}">{{title}}</a> <span class="meta">({{at}})</span></li>{{/documents}}</ul>{{/hasDocuments}}
        """#
}

/// The public Wohngeldrechner: an estimate before applying (GET form, nothing stored).
enum RulesTemplates {
    static let calculator = #"""
        <h1>{{t.wg_title}}</h1>
        <p>{{t.wg_intro}}</p>
        {{>errorSummary}}
        <form action="/wohngeldrechner{{lq}}" method="get" novalidate>
        {{#langEN}}<input type="hidden" name="lang" value="en">{{/langEN}}
        <input type="hidden" name="berechnen" value="1">
        <div class="field"><label for="gemeinde">{{t.wg_gemeinde}}</label>
        {{#gemeindeError}}<p class="field-error" id="gemeinde-error">{{gemeindeError}}</p>{{/gemeindeError}}
        <select id="gemeinde" name="gemeinde"{{#gemeindeError}} aria-invalid="true" aria-describedby="gemeinde-error"{{/gemeindeError}}><option value="">{{t.wg_choose}}</option>{{#municipalities}}<option value="{{ars}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/municipalities}}</select></div>
        <div class="field"><label for="miete">{{t.wg_miete}}</label>
        <p class="hint" id="miete-hint">{{t.wg_miete_hint}}</p>
        {{#mieteError}}<p class="field-error" id="miete-error">{{mieteError}}</p>{{/mieteError}}
        <input id="miete" name="miete" type="text" inputmode="decimal" value="{{miete}}" size="10" aria-describedby="miete-hint{{#mieteError}} miete-error{{/mieteError}}"{{#mieteError}} aria-invalid="true"{{/mieteError}}></div>
        <div class="field"><label for="personen">{{t.wg_personen}}</label>
        {{#personenError}}<p class="field-error" id="personen-error">{{personenError}}</p>{{/personenError}}
        <input id="personen" name="personen" type="text" inputmode="numeric" value="{{personen}}" size="3"{{#personenError}} aria-invalid="true" aria-describedby="personen-error"{{/personenError}}></div>
        <div class="field"><label for="einkommen">{{t.wg_einkommen}}</label>
        <p class="hint" id="einkommen-hint">{{t.wg_einkommen_hint}}</p>
        {{#einkommenError}}<p class="field-error" id="einkommen-error">{{einkommenError}}</p>{{/einkommenError}}
        <input id="einkommen" name="einkommen" type="text" inputmode="decimal" value="{{einkommen}}" size="12" aria-describedby="einkommen-hint{{#einkommenError}} einkommen-error{{/einkommenError}}"{{#einkommenError}} aria-invalid="true"{{/einkommenError}}></div>
        <fieldset><legend>{{t.wg_abzuege}}</legend>
        <div class="choice"><input type="checkbox" id="steuern" name="steuern" value="1"{{#steuern}} checked{{/steuern}}><label for="steuern">{{t.wg_steuern}}</label></div>
        <div class="choice"><input type="checkbox" id="kv" name="kv" value="1"{{#kv}} checked{{/kv}}><label for="kv">{{t.wg_kv}}</label></div>
        <div class="choice"><input type="checkbox" id="rv" name="rv" value="1"{{#rv}} checked{{/rv}}><label for="rv">{{t.wg_rv}}</label></div>
        </fieldset>
        <fieldset><legend>{{t.wg_besonders}}</legend>
        <div class="choice"><input type="checkbox" id="alleinerziehend" name="alleinerziehend" value="1"{{#alleinerziehend}} checked{{/alleinerziehend}}><label for="alleinerziehend">{{t.wg_alleinerziehend}}</label></div>
        <div class="choice"><input type="checkbox" id="schwerbehindert" name="schwerbehindert" value="1"{{#schwerbehindert}} checked{{/schwerbehindert}}><label for="schwerbehindert">{{t.wg_schwerbehindert}}</label></div>
        </fieldset>
        <button type="submit">{{t.wg_submit}}</button>
        </form>
        {{#result}}
        <section class="panel notice" aria-labelledby="result-heading" role="status">
        <h2 id="result-heading">{{t.wg_result}}</h2>
        <p class="amount" data-amount><strong>{{amount}}</strong> {{t.wg_per_month}}</p>
        <p>{{reason}}</p>
        <p>{{t.wg_mietstufe}}: {{mietstufe}}</p>
        <p>{{t.wg_estimate_note}}</p>
        {{#entitled}}<p><a href="{{applyHref}}{{lqa}}">{{t.wg_apply}}</a></p>{{/entitled}}
        <table class="messages"><caption>{{t.wg_trace}}</caption>
        <thead><tr><th scope="col">{{t.wg_trace_value}}</th><th scope="col">{{t.wg_trace_amount}}</th><th scope="col">{{t.wg_trace_norm}}</th></tr></thead>
        <tbody>{{#trace}}<tr><td>{{label}}</td><td>{{value}}</td><td>{{norm}}</td></tr>{{/trace}}</tbody></table>
        </section>
        {{/result}}
        """#
}

/// The public check of a notice.
enum NoticeTemplates {
    static let check = #"""
        <h1>{{t.nv_title}}</h1>
        <p>{{t.nv_intro}}</p>
        {{>errorSummary}}
        {{#checked}}
        <section class="panel notice" role="status" aria-labelledby="verdict">
        {{#genuine}}<h2 id="verdict" data-verdict="genuine">{{t.nv_genuine}}</h2>{{/genuine}}
        {{^genuine}}<h2 id="verdict" data-verdict="not-genuine">{{t.nv_not_genuine}}</h2><p>{{t.nv_not_genuine_help}}</p>{{/genuine}}
        {{#lookup}}<dl class="facts"><dt>{{t.nv_number}}</dt><dd>{{number}}</dd><dt>{{t.nv_authority}}</dt><dd>{{authority}}</dd><dt>{{t.nv_issued}}</dt><dd>{{issued}}</dd></dl>{{/lookup}}
        </section>
        {{/checked}}
        <form action="/bescheide/pruefen{{lq}}" method="post" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field"><label for="pdf">{{t.nv_file}}</label>
        {{#pdfError}}<p class="field-error" id="pdf-error">{{pdfError}}</p>{{/pdfError}}
        <input id="pdf" name="pdf" type="file" accept="application/pdf"{{#pdfError}} aria-invalid="true" aria-describedby="pdf-error"{{/pdfError}}></div>
        <button type="submit">{{t.nv_submit}}</button>
        </form>
        <h2>{{t.nv_by_number}}</h2>
        <form action="/bescheide/pruefen{{lq}}" method="get">
        {{#langEN}}<input type="hidden" name="lang" value="en">{{/langEN}}
        <div class="field"><label for="nummer">{{t.nv_number}}</label>
        <input id="nummer" name="nummer" type="text" maxlength="40" value="{{number}}" autocomplete="off"></div>
        <button type="submit">{{t.nv_lookup}}</button>
        </form>
        {{#lookupMissing}}<p role="status" data-lookup="missing">{{t.nv_unknown_number}}</p>{{/lookupMissing}}
        {{^checked}}{{#lookup}}<dl class="facts" data-lookup="found"><dt>{{t.nv_number}}</dt><dd>{{number}}</dd><dt>{{t.nv_authority}}</dt><dd>{{authority}}</dd><dt>{{t.nv_issued}}</dt><dd>{{issued}}</dd></dl><p>{{t.nv_number_hint}}</p>{{/lookup}}{{/checked}}
        """#
}
