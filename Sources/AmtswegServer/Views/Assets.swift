/// Static assets, served from memory under `/static/` with long cache lifetimes. No CDN: every
/// byte a page needs comes from this server.
enum Assets {
    static let css = #"""
        :root{--fg:#1b1b1b;--muted:#4a4a4a;--bg:#fff;--accent:#004b87;--accent-dark:#00325a;--panel:#f2f5f8;--error:#b00020;--focus:#ffbf47;--line:#c4ccd4}
        *,*::before,*::after{box-sizing:border-box}
        html{font-size:100%;-webkit-text-size-adjust:100%}
        body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;line-height:1.5;color:var(--fg);background:var(--bg);overflow-wrap:break-word}
        .wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
        a{color:var(--accent);text-decoration:underline;text-underline-offset:.15em}
        a:hover{color:var(--accent-dark);text-decoration-thickness:.15em}
        a:focus-visible,button:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible,main:focus-visible{outline:3px solid var(--fg);outline-offset:2px;box-shadow:0 0 0 6px var(--focus)}
        main:focus{outline:none}
        .skip-link{position:absolute;left:.5rem;top:-10rem;background:var(--fg);color:#fff;padding:.5rem 1rem;z-index:10}
        .skip-link:focus{top:.5rem;color:#fff}
        .visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
        .site-header{background:var(--accent);color:#fff;padding:.75rem 0}
        .site-header a{color:#fff}
        .site-header a:focus-visible{outline-color:#fff}
        .header-row{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem}
        .brand{font-weight:700;font-size:1.25rem;text-decoration:none}
        .main-nav ul,.site-footer ul{list-style:none;margin:.5rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
        .main-nav a[aria-current=page]{font-weight:700}
        main{padding-top:1.5rem;padding-bottom:2rem;display:block}
        h1{font-size:1.75rem;line-height:1.25;margin:0 0 1rem}
        h2{font-size:1.375rem;margin:1.75rem 0 .75rem}
        h3{font-size:1.125rem;margin:0 0 .25rem}
        .lead{font-size:1.125rem}
        .panel{background:var(--panel);padding:1rem;border-left:4px solid var(--accent);margin:1.5rem 0}
        .panel h2{margin-top:0}
        label{display:block;font-weight:700;margin-bottom:.25rem}
        .hint,.meta,.optional{color:var(--muted);font-weight:400}
        .hint{margin:0 0 .5rem}
        input[type=search],input[type=text],input[type=email],textarea{width:100%;max-width:32rem;font:inherit;padding:.5rem;border:2px solid var(--fg);border-radius:0;background:#fff;color:var(--fg)}
        textarea{max-width:40rem}
        .search-row{display:flex;flex-wrap:wrap;gap:.5rem}
        .search-row input{flex:1 1 12rem}
        button{font:inherit;font-weight:700;background:var(--accent);color:#fff;border:2px solid var(--accent);padding:.5rem 1.25rem;cursor:pointer;min-height:44px}
        button:hover{background:var(--accent-dark)}
        .field{margin:0 0 1.25rem}
        select{font:inherit;padding:.4rem;border:2px solid var(--fg);background:#fff;color:var(--fg);max-width:100%}
        .filters{display:flex;flex-wrap:wrap;gap:0 1.5rem;align-items:flex-end;margin:0 0 1rem}
        .field-error{color:var(--error);font-weight:700;margin:0 0 .25rem}
        [aria-invalid=true]{border-color:var(--error)!important;border-width:3px!important}
        .error-summary{border:4px solid var(--error);padding:1rem;margin:0 0 1.5rem;background:#fff}
        .error-summary h2,.error-summary h3{margin-top:0}
        .error-summary a{color:var(--error);font-weight:700}
        .notice{border-left:4px solid var(--accent);padding-left:.75rem}
        .link-grid{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(10rem,1fr));gap:.5rem}
        .link-grid a{display:block;padding:.5rem 0}
        .results{padding-left:1.25rem}.results li{margin:.5rem 0}
        .facts{display:grid;grid-template-columns:1fr;gap:.25rem 1rem}
        .facts dt{font-weight:700}.facts dd{margin:0 0 .5rem}
        .plain{list-style:none;padding:0;margin:0}
        .cards{list-style:none;padding:0;display:grid;grid-template-columns:minmax(0,1fr);gap:1rem}
        .card{border:1px solid var(--line);padding:1rem}
        .card dl{margin:.5rem 0 0}.card dt{font-weight:700}.card dd{margin:0 0 .5rem;overflow-wrap:anywhere}
        .site-footer{border-top:1px solid var(--line);padding:1rem 0 2rem;color:var(--muted)}
        .easy-text p,.easy-text li{font-size:1.125rem;max-width:40rem}
        code{overflow-wrap:anywhere}
        fieldset{border:0;padding:0;margin:0 0 1.25rem;min-width:0}
        legend{font-weight:700;padding:0;margin-bottom:.25rem}
        .page-heading,legend.page-heading h1{font-size:1.75rem;margin:0 0 .75rem}
        .page-heading label{font-weight:700}
        .choice{display:flex;align-items:center;gap:.5rem;margin:.25rem 0}
        .choice input{width:1.5rem;height:1.5rem;margin:0}
        .choice label{font-weight:400;margin:0}
        .choices-inline{display:flex;gap:1.5rem;flex-wrap:wrap}
        .date-input{display:flex;gap:1rem;flex-wrap:wrap}
        .date-part label{font-weight:400}
        input.width-2{width:4rem}input.width-4{width:6rem}
        input[type=file]{font:inherit;max-width:100%}
        button.secondary{background:#fff;color:var(--accent);margin:0 0 1rem}
        button.secondary:hover{background:var(--panel)}
        .repeat-item{border-left:4px solid var(--line);padding-left:1rem}
        .group{border-left:4px solid var(--line);padding-left:1rem}
        .step-text{color:var(--muted)}
        .check-answers{margin:0 0 1.5rem}
        .check-row{display:grid;grid-template-columns:1fr;border-bottom:1px solid var(--line);padding:.5rem 0}
        .check-row dt{font-weight:700}.check-row dd{margin:0}
        @media (min-width:40rem){.check-row{grid-template-columns:2fr 3fr 1fr}}
        .reference{font-size:1.5rem;letter-spacing:.05em}
        @media print{.site-header,.site-footer,.back-link,nav{display:none}}
        @media (min-width:40rem){.facts{grid-template-columns:max-content 1fr}.cards{grid-template-columns:repeat(2,minmax(0,1fr))}h1{font-size:2.125rem}}
        @media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
        """#

    static let icon = #"""
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#004b87"/><path d="M8 24 16 8l8 16h-4l-4-8-4 8z" fill="#fff"/></svg>
        """#
}
