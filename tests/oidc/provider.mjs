// A real OpenID Connect provider (panva/oidc-provider) on loopback, for the SSO tests and
// `make sso-demo`. Configured by one JSON document in OIDC_SETTINGS (or the first argument):
//   { "port": 4011, "host": "localhost",
//     "clients": [{ "client_id", "client_secret", "redirect_uris", "post_logout_redirect_uris",
//                   "backchannel_logout_uri" }],
//     "people": [{ "sub", "email", "email_verified", "name", "locale", "password" }] }
// Its pages load nothing from outside (no web fonts), so a browser test sees no console error.
// Prints "READY <issuer>" on stdout once it listens.
import * as crypto from 'node:crypto';
import * as http from 'node:http';
import { readFileSync } from 'node:fs';

import Provider from 'oidc-provider';

// `make sso-demo`: OIDC_DEMO_SHOP=http://127.0.0.1:8000 registers that shop and two people.
function demoSettings(shop) {
  return {
    port: Number(process.env.OIDC_DEMO_PORT ?? 4011),
    clients: [{
      client_id: 'cairn-demo',
      client_secret: 'cairn-demo-secret',
      client_name: 'Cairn demo shop',
      redirect_uris: [`${shop}/account/sso/demo/callback`],
      post_logout_redirect_uris: [`${shop}/`],
      backchannel_logout_uri: `${shop}/account/sso/demo/backchannel-logout`,
    }],
    people: [
      { sub: 'anna', password: 'anna-demo-password', email: 'anna@cairn.example', email_verified: true, name: 'Anna Martin', locale: 'fr-FR' },
      { sub: 'ben', password: 'ben-demo-password', email: 'ben@cairn.example', email_verified: true, name: 'Ben Okafor', locale: 'en-GB' },
    ],
  };
}

const raw = process.env.OIDC_SETTINGS ?? (process.argv[2] ? readFileSync(process.argv[2], 'utf8') : null);
const settings = raw ? JSON.parse(raw) : demoSettings((process.env.OIDC_DEMO_SHOP ?? 'http://127.0.0.1:8000').replace(/\/$/, ''));
const host = settings.host ?? 'localhost';
const port = Number(settings.port ?? 4011);
const issuer = `http://${host}:${port}`;
const people = new Map((settings.people ?? []).map((person) => [person.sub, person]));

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:22rem;margin:3rem auto;padding:0 1rem}
label,input,button{display:block;width:100%;box-sizing:border-box}input{margin:.25rem 0 1rem;padding:.5rem}
button{padding:.6rem;margin:.5rem 0}.error{color:#a00}</style></head>
<body><p>Demo identity provider</p><h1>${escape(title)}</h1>${body}</body></html>`;
}

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), use: 'sig', alg: 'RS256' };

const configuration = {
  clients: (settings.clients ?? []).map((client) => ({
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    backchannel_logout_session_required: true,
    ...client,
  })),
  jwks: { keys: [signingKey] },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'locale'],
  },
  // The ID token carries the scopes' claims too, not only sub; the shop checks userinfo anyway.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource(ctx, form) {
        ctx.body = page('Sign out', `${form}<p>Sign out of the demo identity provider and the shops you used it with?</p>
<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`);
      },
      postLogoutSuccessSource(ctx) {
        ctx.body = page('Signed out', '<p>You are signed out.</p>');
      },
    },
    backchannelLogout: { enabled: true },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Error', `<p class="error">${escape(out.error)}: ${escape(out.error_description ?? '')}</p>`);
  },
  async findAccount(ctx, sub) {
    const person = people.get(sub);
    if (!person) return undefined;
    return {
      accountId: sub,
      async claims() {
        const { password: _password, ...claims } = person;
        return claims;
      },
    };
  },
  // The retailer's own shops are first party: no consent page, every requested scope granted.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(['email', 'email_verified', 'name', 'locale']);
    await grant.save();
    return grant;
  },
  // Its SSRF guard refuses loopback addresses, where the shop listens in tests and in the
  // demo: back-channel logout posts go out without it (this provider only ever runs locally).
  fetch: (url, { dispatcher: _ssrfGuard, ...options }) => globalThis.fetch(url, options),
  ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, AuthorizationCode: 60, IdToken: 600 },
};

const provider = new Provider(issuer, configuration);
provider.on('backchannel.error', (ctx, error, client) => console.error(`backchannel error for ${client.clientId}: ${error}`));

function readForm(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; if (body.length > 10_000) req.destroy(); });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

function loginForm(uid, error = '', login = '') {
  return page('Sign in', `${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">Username</label><input id="login" name="login" autocomplete="username" value="${escape(login)}" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>
<form method="post" action="/interaction/${escape(uid)}/abort"><button type="submit">Cancel</button></form>`);
}

async function interaction(req, res, uid, action) {
  await provider.interactionDetails(req, res); // 400s when the interaction cookie does not match
  const send = (status, html) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  };
  if (req.method === 'GET' && !action) return send(200, loginForm(uid));
  if (req.method === 'POST' && action === 'login') {
    const form = await readForm(req);
    const login = form.get('login') ?? '';
    const person = people.get(login);
    const given = Buffer.from(form.get('password') ?? '');
    const expected = Buffer.from(person?.password ?? '\0');
    if (!person || given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
      return send(401, loginForm(uid, 'Unknown username or wrong password.', login));
    }
    return provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
  }
  if (req.method === 'POST' && action === 'abort') {
    return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
  }
  return send(404, page('Not found', ''));
}

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  if (req.url === '/favicon.ico') { res.writeHead(204); return res.end(); } // no 404 in the console
  const match = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(req.url.split('?')[0]);
  if (!match) return callback(req, res);
  try {
    await interaction(req, res, match[1], match[2]);
  } catch (error) {
    if (!res.headersSent) {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('Error', `<p class="error">${escape(error.message)}</p>`));
    }
  }
});
server.listen(port, host === 'localhost' ? '127.0.0.1' : host, () => {
  console.log(`READY ${issuer}`);
  if (!raw) {
    console.log(`Demo identity provider at ${issuer}; sign in there as ${[...people.values()].map((p) => `${p.sub} / ${p.password}`).join(' or ')}`);
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
