// Pieces several templates share: the proposal's facts and the action buttons, once as HTML and once as text.

const label = 'padding:4px 12px 4px 0;color:#52606d;white-space:nowrap;vertical-align:top';
const value = 'padding:4px 0;vertical-align:top';

export const HTML_PARTIALS: Record<string, string> = {
  greeting: `<p style="margin:0 0 12px">{{t "greeting" name=recipientName}}</p>`,

  facts: `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;margin:12px 0;font-size:14px">
<tr><td style="${label}">{{t "proposal"}}</td><td style="${value};font-weight:bold">{{loc proposal.title}}</td></tr>
<tr><td style="${label}">{{t "kind"}}</td><td style="${value}">{{loc proposal.kind}}</td></tr>
<tr><td style="${label}">{{t "stage"}}</td><td style="${value}">{{loc proposal.stage}}</td></tr>
<tr><td style="${label}">{{t "owner"}}</td><td style="${value}">{{proposal.ownerName}}</td></tr>
{{#if dueAt}}<tr><td style="${label}">{{t "due"}}</td><td style="${value}">{{datetime dueAt}}</td></tr>{{/if}}
{{#if proposal.summary}}<tr><td style="${label}">{{t "summary"}}</td><td style="${value}">{{loc proposal.summary}}</td></tr>{{/if}}
</table>
<p style="margin:8px 0 16px"><a href="{{proposal.url}}" style="color:#1d4ed8">{{t "openProposal"}}</a></p>`,

  actions: `{{#if actions.length}}
<p style="margin:16px 0 8px">{{t "actionsIntro"}}</p>
<p style="margin:0 0 8px">{{#each actions}}<a href="{{url}}" style="{{buttonStyle tone}}">{{loc label}}</a> {{/each}}</p>
<p style="margin:8px 0 0;color:#52606d;font-size:12px">{{t "actionsNote"}}</p>
{{/if}}`,
};

export const TEXT_PARTIALS: Record<string, string> = {
  greeting: `{{t "greeting" name=recipientName}}`,

  facts: `{{t "proposal"}}: {{loc proposal.title}}
{{t "kind"}}: {{loc proposal.kind}}
{{t "stage"}}: {{loc proposal.stage}}
{{t "owner"}}: {{proposal.ownerName}}
{{#if dueAt}}
{{t "due"}}: {{datetime dueAt}}
{{/if}}
{{#if proposal.summary}}
{{t "summary"}}: {{loc proposal.summary}}
{{/if}}
{{t "openProposal"}}: {{proposal.url}}`,

  actions: `{{#if actions.length}}
{{t "actionsIntro"}}
{{#each actions}}
  * {{loc label}}: {{url}}
{{/each}}
{{t "actionsNote"}}
{{/if}}`,
};

const BUTTON_BASE = 'display:inline-block;margin:0 8px 8px 0;padding:10px 18px;border-radius:4px;text-decoration:none;font-weight:bold;font-size:14px';

export const BUTTON_STYLES: Record<string, string> = {
  primary: `${BUTTON_BASE};background:#1d4ed8;color:#ffffff;border:1px solid #1d4ed8`,
  neutral: `${BUTTON_BASE};background:#ffffff;color:#1f2933;border:1px solid #9aa5b1`,
  danger: `${BUTTON_BASE};background:#ffffff;color:#b91c1c;border:1px solid #b91c1c`,
};
