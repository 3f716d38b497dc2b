/// The page templates (Mustache, auto-escaped). Embedded in the binary so Amtsweg stays one file.
/// Texts come from the `Texts` catalogue through `t.*`; templates hold markup only.
enum Templates {
    static let layout = #"""
        <!DOCTYPE html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} – {{t.site_name}}</title>
        <link rel="stylesheet" href="/static/amtsweg.css">
        <link rel="icon" href="/static/icon.svg" type="image/svg+xml">
        {{#canonical}}<link rel="canonical" href="{{canonical}}">{{/canonical}}
        {{#robotsNoIndex}}<meta name="robots" content="noindex">{{/robotsNoIndex}}
        </head>
        <body>
        <a class="skip-link" href="#main">{{t.skip_link}}</a>
        <header class="site-header">
        <div class="wrap header-row">
        <a class="brand" href="/{{lq}}">{{t.site_name}}</a>
        <a class="lang-switch" href="{{switchHref}}" hreflang="{{switchLang}}" lang="{{switchLang}}"><span class="visually-hidden">{{t.language_switch_label}}: </span>{{switchLabel}}</a>
        </div>
        <nav class="wrap main-nav" aria-label="{{t.nav_label}}">
        <ul>
        <li><a href="/{{lq}}"{{#navHome}} aria-current="page"{{/navHome}}>{{t.nav_home}}</a></li>
        <li><a href="/leistungen{{lq}}"{{#navServices}} aria-current="page"{{/navServices}}>{{t.nav_services}}</a></li>
        <li><a href="/gemeinden{{lq}}"{{#navMunicipalities}} aria-current="page"{{/navMunicipalities}}>{{t.nav_municipalities}}</a></li>
        <li><a href="/assistent{{lq}}"{{#navAssistant}} aria-current="page"{{/navAssistant}}>{{t.nav_assistant}}</a></li>
        <li><a href="/konto{{lq}}"{{#navAccount}} aria-current="page"{{/navAccount}}>{{t.nav_account}}</a></li>
        <li><a href="/leichte-sprache" hreflang="de"{{#navEasy}} aria-current="page"{{/navEasy}}>{{t.nav_easy}}</a></li>
        </ul>
        </nav>
        </header>
        <main id="main" class="wrap" tabindex="-1">
        {{{body}}}
        </main>
        <footer class="site-footer">
        <div class="wrap">
        <nav aria-label="{{t.footer_label}}">
        <ul>
        <li><a href="/impressum{{lq}}">{{t.footer_imprint}}</a></li>
        <li><a href="/datenschutz{{lq}}">{{t.footer_privacy}}</a></li>
        <li><a href="/barrierefreiheit{{lq}}">{{t.footer_accessibility}}</a></li>
        <li><a href="/api/v1/openapi.json">{{t.footer_api}}</a></li>
        </ul>
        </nav>
        <p>{{t.footer_licence}}</p>
        </div>
        </footer>
        </body>
        </html>
        """#

    static let searchForm = #"""
        <form class="search" action="/gemeinden" method="get" role="search">
        <label for="q">{{t.search_label}}</label>
        <p class="hint" id="q-hint">{{t.search_hint}}</p>
        {{#error}}<p class="field-error" id="q-error"><span class="visually-hidden">{{t.error_summary_title}}: </span>{{error}}</p>{{/error}}
        <div class="search-row">
        <input id="q" name="q" type="search" value="{{query}}" maxlength="100" aria-describedby="q-hint{{#error}} q-error{{/error}}"{{#error}} aria-invalid="true"{{/error}}>
        <button type="submit">{{t.search_button}}</button>
        </div>
        {{#langEN}}<input type="hidden" name="lang" value="en">{{/langEN}}
        </form>
        """#

    static let home = #"""
        <h1>{{t.home_title}}</h1>
        <p class="lead">{{t.home_intro}}</p>
        <section class="panel" aria-labelledby="service-search-heading">
        <h2 id="service-search-heading">{{t.services_search_heading}}</h2>
        {{> serviceSearchForm}}
        </section>
        <section class="panel" aria-labelledby="search-heading">
        <h2 id="search-heading">{{t.search_heading}}</h2>
        {{> searchForm}}
        </section>
        <section aria-labelledby="popular-heading">
        <h2 id="popular-heading">{{t.popular_title}}</h2>
        <ul class="link-grid">
        {{#popular}}<li><a href="/gemeinden/{{ars}}{{lq}}">{{name}}</a></li>{{/popular}}
        </ul>
        </section>
        <p class="easy-link"><a href="/leichte-sprache" hreflang="de">{{t.easy_teaser}}</a></p>
        """#

    static let search = #"""
        <h1>{{t.search_heading}}</h1>
        {{#error}}
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title">{{t.error_summary_title}}</h2>
        <ul><li><a href="#q">{{error}}</a></li></ul>
        </div>
        {{/error}}
        {{> searchForm}}
        {{#hasQuery}}
        <section aria-labelledby="results-heading">
        <h2 id="results-heading">{{t.search_results_for}} „{{query}}“ ({{count}})</h2>
        {{#several}}<p class="notice">{{t.search_postcode_several}}</p>{{/several}}
        {{#hasResults}}
        <ul class="results">
        {{#results}}<li><a href="/gemeinden/{{ars}}{{lq}}">{{name}}</a> <span class="meta">{{kreis}} · {{postcodes}}</span></li>{{/results}}
        </ul>
        {{/hasResults}}
        {{^hasResults}}<p>{{t.search_no_results}}</p>{{/hasResults}}
        </section>
        {{/hasQuery}}
        """#

    static let municipality = #"""
        <h1>{{name}}</h1>
        <p class="lead">{{typeLabel}} · {{kreisLabel}}</p>
        <section aria-labelledby="facts-heading">
        <h2 id="facts-heading">{{t.municipality_facts}}</h2>
        <dl class="facts">
        <dt>{{t.municipality_ars}}</dt><dd>{{ars}}</dd>
        <dt>{{t.municipality_ags}}</dt><dd>{{ags}}</dd>
        <dt>{{t.municipality_postcodes}}</dt><dd>{{postcodes}}</dd>
        <dt>{{t.municipality_population}}</dt><dd>{{population}}</dd>
        <dt>{{t.municipality_part_of}}</dt><dd><ul class="plain">{{#chain}}<li>{{typeLabel}}: {{name}}</li>{{/chain}}</ul></dd>
        </dl>
        </section>
        <section aria-labelledby="authorities-heading">
        <h2 id="authorities-heading">{{t.municipality_authorities}}</h2>
        <p>{{t.municipality_authorities_intro}}</p>
        <ul class="cards">
        {{#authorities}}
        <li class="card">
        <h3>{{name}}</h3>
        <p class="meta">{{levelLabel}}</p>
        <dl>
        <dt>{{t.authority_address}}</dt><dd>{{#street}}{{street}}<br>{{/street}}{{postcode}} {{locality}}</dd>
        <dt>{{t.authority_contact}}</dt><dd>{{#hasContact}}{{#phone}}{{phone}}<br>{{/phone}}{{#email}}<a href="mailto:{{email}}">{{email}}</a><br>{{/email}}{{#website}}<a href="{{website}}">{{website}}</a>{{/website}}{{/hasContact}}{{^hasContact}}{{t.authority_not_recorded}}{{/hasContact}}</dd>
        <dt>{{t.authority_hours}}</dt><dd>{{#hasHours}}{{#openingHours}}{{.}}<br>{{/openingHours}}{{/hasHours}}{{^hasHours}}{{t.authority_not_recorded}}{{/hasHours}}</dd>
        </dl>
        </li>
        {{/authorities}}
        </ul>
        </section>
        """#

    static let content = #"""
        {{{content}}}
        """#

    static let accessibility = #"""
        {{{content}}}
        <section class="panel" aria-labelledby="report-heading">
        <h2 id="report-heading">{{t.report_title}}</h2>
        {{#hasErrors}}
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
        <h3 id="error-summary-title">{{t.error_summary_title}}</h3>
        <ul>{{#errors}}<li><a href="#{{field}}">{{message}}</a></li>{{/errors}}</ul>
        </div>
        {{/hasErrors}}
        <p>{{t.report_intro}}</p>
        <form action="/barrierefreiheit/meldung{{lq}}" method="post" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field">
        <label for="page">{{t.report_page}} <span class="optional">({{t.optional}})</span></label>
        {{#pageError}}<p class="field-error" id="page-error">{{pageError}}</p>{{/pageError}}
        <input id="page" name="page" type="text" maxlength="500" value="{{page}}"{{#pageError}} aria-invalid="true" aria-describedby="page-error"{{/pageError}}>
        </div>
        <div class="field">
        <label for="message">{{t.report_message}}</label>
        {{#messageError}}<p class="field-error" id="message-error">{{messageError}}</p>{{/messageError}}
        <textarea id="message" name="message" rows="6" required{{#messageError}} aria-invalid="true" aria-describedby="message-error"{{/messageError}}>{{message}}</textarea>
        </div>
        <div class="field">
        <label for="email">{{t.report_email}}</label>
        {{#emailError}}<p class="field-error" id="email-error">{{emailError}}</p>{{/emailError}}
        <input id="email" name="email" type="email" autocomplete="email" value="{{email}}"{{#emailError}} aria-invalid="true" aria-describedby="email-error"{{/emailError}}>
        </div>
        <button type="submit">{{t.report_submit}}</button>
        </form>
        </section>
        """#

    static let assistant = #"""
        <h1>{{t.assistant_title}}</h1>
        <p>{{t.assistant_intro}}</p>
        {{#hasErrors}}
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title">{{t.error_summary_title}}</h2>
        <ul>{{#errors}}<li><a href="#{{field}}">{{message}}</a></li>{{/errors}}</ul>
        </div>
        {{/hasErrors}}
        {{#answered}}
        <section class="panel answer" aria-labelledby="answer-heading" lang="{{answerLang}}">
        <h2 id="answer-heading">{{t.assistant_answer}}</h2>
        <ul class="statements">
        {{#statements}}<li>{{text}} {{#isPhone}}<a href="{{url}}">{{t.assistant_call}} {{title}}</a>{{/isPhone}}{{^isPhone}}<a href="{{url}}">{{t.assistant_source}}: {{title}}</a>{{/isPhone}}</li>{{/statements}}
        </ul>
        {{#handoverAuthority}}
        <p>{{t.assistant_local}} <a href="{{url}}">{{name}}</a>{{#street}}, {{street}}{{/street}}, {{postcode}} {{locality}}</p>
        {{/handoverAuthority}}
        {{#hasRelated}}
        <h3>{{t.assistant_related}}</h3>
        <ul>{{#related}}<li><a href="{{url}}">{{name}}</a></li>{{/related}}</ul>
        {{/hasRelated}}
        <form class="feedback" action="/assistent/bewertung{{lq}}" method="post">
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <input type="hidden" name="id" value="{{answerID}}">
        <fieldset>
        <legend>{{t.assistant_helpful}}</legend>
        <button type="submit" name="helpful" value="yes">{{t.assistant_yes}}</button>
        <button type="submit" name="helpful" value="no">{{t.assistant_no}}</button>
        </fieldset>
        </form>
        </section>
        {{/answered}}
        <form action="/assistent{{lq}}" method="post" novalidate>
        <input type="hidden" name="csrf_token" value="{{csrfToken}}">
        <div class="field">
        <label for="question">{{t.assistant_question}}</label>
        <p class="hint" id="question-hint">{{t.assistant_question_hint}}</p>
        {{#questionError}}<p class="field-error" id="question-error">{{questionError}}</p>{{/questionError}}
        <textarea id="question" name="question" rows="3" maxlength="500" required aria-describedby="question-hint{{#questionError}} question-error{{/questionError}}"{{#questionError}} aria-invalid="true"{{/questionError}}>{{question}}</textarea>
        </div>
        <div class="field">
        <label for="ort">{{t.assistant_place}} <span class="optional">({{t.optional}})</span></label>
        {{#ortError}}<p class="field-error" id="ort-error">{{ortError}}</p>{{/ortError}}
        <input id="ort" name="ort" type="text" maxlength="100" autocomplete="address-level2" value="{{ort}}"{{#ortError}} aria-invalid="true" aria-describedby="ort-error"{{/ortError}}>
        </div>
        <div class="field checkbox">
        <input id="leicht" name="leicht" type="checkbox" value="1"{{#easy}} checked{{/easy}}>
        <label for="leicht">{{t.assistant_easy}}</label>
        </div>
        <button type="submit">{{t.assistant_submit}}</button>
        </form>
        <p class="hint">{{t.assistant_privacy}}</p>
        """#

    static let message = #"""
        <h1>{{heading}}</h1>
        <p>{{text}}</p>
        {{#reference}}<p>{{t.error_reference}}: <code>{{reference}}</code></p>{{/reference}}
        <p><a href="/{{lq}}">{{t.back_home}}</a></p>
        """#
}
