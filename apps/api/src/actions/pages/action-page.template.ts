// One page layout for the confirmation and every result page: server-rendered, escaped, no scripts, no external
// assets (the CSP allows inline styles only). Values arrive already chosen per language: {primary, other}.
export const ACTION_PAGE_TEMPLATE = `<!DOCTYPE html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>{{title.primary}} · Accord</title>
<style>
  *, *::before, *::after { box-sizing: border-box; }
  body { margin: 0; padding: 32px 16px; background: #f3f4f6; color: #1f2933; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
  main { max-width: 640px; margin: 0 auto; background: #fff; border: 1px solid #e4e7eb; border-top: 4px solid #1d4ed8; border-radius: 6px; padding: 24px 28px; }
  main.success { border-top-color: #15803d; }
  main.warning { border-top-color: #b45309; }
  main.danger { border-top-color: #b91c1c; }
  .brand { margin: 0 0 12px; color: #7b8794; font-size: 13px; letter-spacing: .08em; text-transform: uppercase; }
  h1 { margin: 0 0 16px; font-size: 22px; line-height: 1.3; }
  .alt { display: block; margin-top: 2px; color: #7b8794; font-size: .8em; font-weight: normal; }
  p { margin: 0 0 14px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0 0 18px; padding: 12px 14px; background: #f8fafc; border-radius: 4px; }
  dt { color: #52606d; font-size: 14px; }
  dd { margin: 0; font-weight: 600; }
  label { display: block; margin: 0 0 6px; font-weight: 600; }
  textarea { width: 100%; min-height: 110px; padding: 8px 10px; border: 1px solid #9aa5b1; border-radius: 4px; font: inherit; }
  textarea:focus, button:focus { outline: 3px solid #93c5fd; outline-offset: 1px; }
  .error { color: #b91c1c; font-weight: 600; }
  button { margin-top: 16px; padding: 10px 22px; border: 1px solid #1d4ed8; border-radius: 4px; background: #1d4ed8; color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
  button.danger { background: #b91c1c; border-color: #b91c1c; }
  button.neutral { background: #fff; color: #1f2933; border-color: #52606d; }
  button .alt { color: inherit; opacity: .85; }
  .hint { color: #52606d; font-size: 14px; }
  footer { max-width: 640px; margin: 12px auto 0; color: #7b8794; font-size: 12px; text-align: center; }
  a { color: #1d4ed8; }
</style>
</head>
<body>
<main class="{{tone}}">
<p class="brand">Accord</p>
<h1>{{title.primary}}<span class="alt" lang="{{otherLang}}">{{title.other}}</span></h1>
{{#each paragraphs}}
<p>{{primary}}<span class="alt" lang="{{@root.otherLang}}">{{other}}</span></p>
{{/each}}
{{#if facts.length}}
<dl>
{{#each facts}}
<dt>{{label.primary}}<span class="alt" lang="{{@root.otherLang}}">{{label.other}}</span></dt>
<dd>{{value.primary}}{{#if value.other}}<span class="alt" lang="{{@root.otherLang}}">{{value.other}}</span>{{/if}}</dd>
{{/each}}
</dl>
{{/if}}
{{#if form}}
<form method="post" action="{{form.action}}" autocomplete="off">
<input type="hidden" name="csrf" value="{{form.csrf}}">
<label for="comment">{{form.commentLabel.primary}}<span class="alt" lang="{{otherLang}}">{{form.commentLabel.other}}</span></label>
{{#if form.error}}<p class="error" role="alert">{{form.error.primary}}<span class="alt" lang="{{otherLang}}">{{form.error.other}}</span></p>{{/if}}
<textarea id="comment" name="comment" maxlength="4000"{{#if form.commentRequired}} required{{/if}}>{{form.comment}}</textarea>
<button type="submit" class="{{form.tone}}">{{form.button.primary}}<span class="alt" lang="{{otherLang}}">{{form.button.other}}</span></button>
</form>
<p class="hint">{{form.hint.primary}}<span class="alt" lang="{{otherLang}}">{{form.hint.other}}</span></p>
{{/if}}
{{#if link}}
<p><a href="{{link.href}}">{{link.text.primary}}</a><span class="alt" lang="{{otherLang}}">{{link.text.other}}</span></p>
{{/if}}
</main>
<footer>{{footer.primary}} · {{footer.other}}</footer>
</body>
</html>
`;
