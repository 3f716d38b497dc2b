/// Templates of paying fees: the quote on the check page, the simulated provider's page, the return page, the
/// applicant's payments and the authority's payments with the reconciliation report.
enum PaymentTemplates {
    /// The fee quote (values from `ApplicationRoutes.feeValues`, under `fee`).
    static let quote = #"""
        {{#fee}}
        <h2 id="fee-heading">{{t.pay_fee_heading}}</h2>
        <table class="fee-quote" aria-labelledby="fee-heading">
        <thead><tr><th scope="col">{{t.pay_fee_item}}</th><th scope="col" class="amount">{{t.pay_amount}}</th></tr></thead>
        <tbody>
        {{#feeLines}}<tr{{#total}} class="total"{{/total}}><th scope="row">{{label}}</th><td class="amount" data-fee-line>{{#total}}<strong>{{amount}}</strong>{{/total}}{{^total}}{{amount}}{{/total}}</td></tr>{{/feeLines}}
        </tbody>
        </table>
        {{#feeLegalBasis}}<p class="hint">{{t.pay_fee_basis}}: {{feeLegalBasis}}</p>{{/feeLegalBasis}}
        {{#discountLegalBasis}}<p class="hint" data-discount-basis>{{t.pay_discount_basis}}: {{discountLegalBasis}}</p>{{/discountLegalBasis}}
        <p>{{t.pay_before_text}}</p>
        {{/fee}}
        """#

    static let simulator = #"""
        <div class="notice" role="note"><p><strong>{{t.pay_sim_notice}}</strong></p></div>
        <h1>{{t.pay_sim_title}}</h1>
        <dl class="facts">
        <dt>{{t.pay_reference}}</dt><dd data-payment-reference>{{reference}}</dd>
        <dt>{{t.pay_purpose}}</dt><dd>{{description}}</dd>
        <dt>{{t.pay_amount}}</dt><dd data-amount>{{amount}}</dd>
        </dl>
        <p>{{t.pay_sim_intro}}</p>
        <form action="/zahlung/simulator/{{ref}}{{lq}}" method="post">
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <button type="submit" name="outcome" value="success">{{t.pay_sim_pay}}</button>
        <button type="submit" name="outcome" value="failure" class="secondary">{{t.pay_sim_decline}}</button>
        <button type="submit" name="outcome" value="cancel" class="secondary">{{t.pay_sim_cancel}}</button>
        </form>
        """#

    static let returnPage = #"""
        {{#paid}}<div class="confirmation panel" role="status"><h1>{{t.pay_return_paid}}</h1>
        <p>{{t.pay_reference}}: <strong data-payment-reference>{{reference}}</strong></p></div>{{/paid}}
        {{^paid}}<h1>{{t.pay_return_title}}</h1>{{/paid}}
        <dl class="facts">
        <dt>{{t.pay_purpose}}</dt><dd>{{serviceName}}</dd>
        <dt>{{t.pay_amount}}</dt><dd>{{amount}}</dd>
        <dt>{{t.pay_status}}</dt><dd data-payment-status>{{statusLabel}}</dd>
        </dl>
        {{#paid}}{{#submissionHref}}<p>{{t.pay_return_submitted}} <a href="{{submissionHref}}">{{t.pay_return_confirmation}}</a></p>{{/submissionHref}}{{/paid}}
        {{#failed}}<p data-payment-saved>{{#beforeSubmission}}{{t.pay_return_failed_saved}}{{/beforeSubmission}}{{^beforeSubmission}}{{t.pay_return_failed}}{{/beforeSubmission}}</p>{{/failed}}
        {{#open}}<p>{{t.pay_return_open}}</p>{{/open}}
        {{^paid}}
        <form action="/konto/zahlungen/{{applicationId}}/bezahlen{{lq}}" method="post">
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <button type="submit">{{t.pay_now}}</button>
        </form>
        {{/paid}}
        <p><a href="/konto/zahlungen{{lq}}">{{t.pay_mine_link}}</a></p>
        """#

    static let mine = #"""
        <h1>{{t.pay_mine_title}}</h1>
        <h2>{{t.pay_open}}</h2>
        {{#hasOpen}}<ul class="payments">{{#open}}<li data-open-payment>
        <p><strong>{{serviceName}}</strong> – {{amount}} <span class="meta">({{when}}; {{t.pay_status}}: {{statusLabel}})</span></p>
        <form action="/konto/zahlungen/{{applicationId}}/bezahlen{{lq}}" method="post">
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <button type="submit">{{t.pay_now}}<span class="visually-hidden">: {{serviceName}}, {{amount}}</span></button>
        </form>
        </li>{{/open}}</ul>{{/hasOpen}}
        {{^hasOpen}}<p>{{t.pay_none_open}}</p>{{/hasOpen}}
        <h2>{{t.pay_done}}</h2>
        {{#hasDone}}<ul>{{#done}}<li><a href="{{href}}">{{serviceName}}</a> <span class="meta">{{reference}}, {{amount}}, {{statusLabel}}</span></li>{{/done}}</ul>{{/hasDone}}
        {{^hasDone}}<p>{{t.my_none}}</p>{{/hasDone}}
        """#

    static let authority = #"""
        <h1>{{t.pay_staff_title}}</h1>
        <p>{{t.pay_staff_intro}}</p>
        {{>errorSummary}}
        <form action="/behoerde/zahlungen" method="get" class="filters">
        {{#langEN}}<input type="hidden" name="lang" value="en">{{/langEN}}
        <div class="field">
        <label for="from">{{t.pay_from}}</label>
        {{#fromError}}<p class="field-error" id="from-error"><span class="visually-hidden">{{t.error_prefix}}:</span> {{fromError}}</p>{{/fromError}}
        <input id="from" name="from" type="date" value="{{from}}"{{#fromError}} aria-invalid="true" aria-describedby="from-error"{{/fromError}}>
        </div>
        <div class="field">
        <label for="to">{{t.pay_to}}</label>
        <input id="to" name="to" type="date" value="{{to}}">
        </div>
        <button type="submit">{{t.pay_show}}</button>
        </form>
        {{#report}}
        <h2>{{t.pay_totals}}</h2>
        <dl class="facts">
        <dt>{{t.pay_gross}}</dt><dd data-gross>{{gross}}</dd>
        <dt>{{t.pay_refunds}}</dt><dd data-refunds>{{refunds}}</dd>
        <dt>{{t.pay_net}}</dt><dd data-net>{{net}}</dd>
        </dl>
        <p><a href="{{csvHref}}" download>{{t.pay_csv}}</a></p>
        <h2 id="rows-heading">{{t.pay_rows}}</h2>
        {{#hasRows}}
        <table aria-labelledby="rows-heading">
        <thead><tr><th scope="col">{{t.pay_date}}</th><th scope="col">{{t.pay_kind}}</th><th scope="col">{{t.pay_reference}}</th><th scope="col">{{t.pay_purpose}}</th><th scope="col" class="amount">{{t.pay_amount}}</th><th scope="col">{{t.pay_action}}</th></tr></thead>
        <tbody>
        {{#rows}}<tr><td>{{date}}</td><td>{{kind}}</td><td>{{reference}}</td><td>{{service}}</td><td class="amount">{{amount}}</td><td>{{#refundAction}}<form action="{{refundAction}}" method="post">
        <input type="hidden" name="csrf_token" value="{{csrfToken}}"><input type="hidden" name="refund_key" value="{{refundKey}}">
        <button type="submit" class="secondary">{{t.pay_refund}}<span class="visually-hidden"> {{reference}}</span> ({{refundable}})</button></form>{{/refundAction}}</td></tr>{{/rows}}
        </tbody>
        </table>
        {{/hasRows}}
        {{^hasRows}}<p>{{t.pay_none_period}}</p>{{/hasRows}}
        {{/report}}
        """#
}
