// The test broker: panva's certified oidc-provider, posing as the municipality's DigiD broker,
// eHerkenning broker and staff identity provider, for `make test` and `make broker`.
// NEVER used in production: it logs anyone in as a test person at the click of a button.
// oidc-provider 9 prints "Unsupported runtime" on Node.js 20 (it is tested on 22 and later);
// it runs on 20, the machines' Node.js, and tests/oidc/test_provider.py shows it does.
//
//   OIDC_TEST_PORT=8900 node tests/oidc/provider.mjs     (tests/harness/services.sh starts it)
//
// Environment (all optional):
//   OIDC_TEST_HOST, OIDC_TEST_PORT   where it listens (127.0.0.1, 8900); the issuer is
//                                    http://HOST:PORT
//   OIDC_TEST_DIGID_SECRET, OIDC_TEST_EHERKENNING_SECRET, OIDC_TEST_STAFF_SECRET
//                                    the client secrets (the harness sets random ones)
//   OIDC_TEST_REDIRECT_URIS          space-separated redirect URI patterns every client accepts;
//                                    `*` stands for any text without a slash, `**` for any text.
//                                    Default: allauth's callback on any loopback port.
//   OIDC_TEST_POST_LOGOUT_URIS       the same for RP-initiated logout. Default: any loopback URL.
//   OIDC_TEST_MISBEHAVE              a mode (below) for the three plain clients as well: for
//                                    trying a failure by hand with `make broker`.
//
// Clients. `digid`, `eherkenning` and `staff` behave. For bad-input tests every one of them has
// misbehaving twins, `<client>-<mode>` (for example `digid-wrong-key`), with the same secret:
//   wrong-key        the ID token is signed with a key that is not in the JWKS (same kid)
//   wrong-audience   the ID token's aud is another client
//   wrong-issuer     the ID token's iss is another issuer
//   wrong-nonce      the ID token's nonce is not the one the portal sent
//   expired-token    the ID token expired an hour ago
//   expired-code     the authorization code is expired when the portal redeems it
//   server-error     the token endpoint fails (503), as a broker does whose back end is down
// A replayed code needs no mode: the provider refuses a code the second time by itself (and
// revokes what the first use gave). A missing BSN or KvK claim is a test person (users.mjs).
// A broker that is down is a port nobody listens on (tests/oidc/fixtures.py).
//
// Every client uses the authorization code flow with PKCE (S256, required), the client secret
// in the token request body (client_secret_post), and RP-initiated logout.

import http from 'node:http';
import crypto from 'node:crypto';

import * as jose from 'jose';
import Provider from 'oidc-provider';
import MemoryAdapter from 'oidc-provider/lib/adapters/memory_adapter.js';
import LRU from 'oidc-provider/lib/helpers/lru.js';

import { DIGID_ACR, EHERKENNING_ACR, STAFF_ACR, USERS, USERS_BY_ID } from './users.mjs';

const HOST = process.env.OIDC_TEST_HOST || '127.0.0.1';
const PORT = Number(process.env.OIDC_TEST_PORT || 8900);
const ISSUER = `http://${HOST.includes(':') ? `[${HOST}]` : HOST}:${PORT}`;

const BROKERS = {
  digid: { title: 'DigiD', secret: process.env.OIDC_TEST_DIGID_SECRET || 'digid-test-secret' },
  eherkenning: {
    title: 'eHerkenning',
    secret: process.env.OIDC_TEST_EHERKENNING_SECRET || 'eherkenning-test-secret',
  },
  staff: { title: 'SSO',  secret: process.env.OIDC_TEST_STAFF_SECRET || 'staff-test-secret' },
};
const MODES = [
  'wrong-key', 'wrong-audience', 'wrong-issuer', 'wrong-nonce', 'expired-token', 'expired-code',
  'server-error',
];
const EVERYWHERE = process.env.OIDC_TEST_MISBEHAVE || '';
if (EVERYWHERE && !MODES.includes(EVERYWHERE)) {
  console.error(`OIDC_TEST_MISBEHAVE=${EVERYWHERE}: not one of ${MODES.join(', ')}`);
  process.exit(2);
}

// client id -> { broker, mode }: `digid` -> { digid, '' }, `digid-wrong-key` -> { digid,
// 'wrong-key' }.
const CLIENTS = new Map();
for (const broker of Object.keys(BROKERS)) {
  CLIENTS.set(broker, { broker, mode: EVERYWHERE });
  for (const mode of MODES) CLIENTS.set(`${broker}-${mode}`, { broker, mode });
}

// --- redirect URIs: patterns, so the portal may run on any port ----------------------------
function patterns(value, fallback) {
  return (value || fallback).split(/\s+/).filter(Boolean).map((pattern) => new RegExp(
    `^${pattern.split(/(\*\*|\*)/).map((part) => {
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }).join('')}$`,
  ));
}
const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];
const REDIRECTS = patterns(
  process.env.OIDC_TEST_REDIRECT_URIS,
  LOOPBACK.map((host) => `http://${host}:*/accounts/oidc/*/login/callback/`).join(' '),
);
const POST_LOGOUT = patterns(
  process.env.OIDC_TEST_POST_LOGOUT_URIS,
  LOOPBACK.map((host) => `http://${host}:*/**`).join(' '),
);

// --- keys: one signing key, and a stranger with the same kid for `wrong-key` ---------------
async function rsaKey(kid) {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  return { ...(await jose.exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
}
const KID = `test-broker-${crypto.randomBytes(4).toString('hex')}`;
const signingJwk = await rsaKey(KID);
const strangerJwk = await rsaKey(KID);

// --- storage: oidc-provider's own memory adapter, with codes of `expired-code` clients -----
// stored as already expired (the provider then answers invalid_grant by itself). Its own
// store keeps 1,000 entries, some eight per login: a whole test run's logins are kept here.
const STORE = new LRU({ maxSize: 200_000 });
class Adapter extends MemoryAdapter {
  constructor(model) {
    super(model, STORE);
  }

  async upsert(id, payload, expiresIn) {
    const mode = CLIENTS.get(payload.clientId)?.mode;
    if (this.model === 'AuthorizationCode' && mode === 'expired-code') {
      payload.exp = Math.floor(Date.now() / 1000) - 60;
    }
    return super.upsert(id, payload, expiresIn);
  }
}

const configuration = {
  adapter: Adapter,
  clients: [...CLIENTS.keys()].map((clientId) => ({
    client_id: clientId,
    client_secret: BROKERS[CLIENTS.get(clientId).broker].secret,
    client_name: `Burgerkracht (${BROKERS[CLIENTS.get(clientId).broker].title})`,
    // Nominal: any URI matching REDIRECTS is accepted (see redirectUriAllowed below).
    redirect_uris: [`http://localhost:8000/accounts/oidc/${clientId}/login/callback/`],
    post_logout_redirect_uris: ['http://localhost:8000/'],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  })),
  jwks: { keys: [signingJwk] },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  // Seconds. A login page may be left open ten minutes; tokens and the broker's own session
  // last an hour (the portal's DigiD idle timeout is the portal's, not the broker's): tests
  // that move the portal's clock on (time-machine) still find the ID token valid.
  ttl: {
    AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600,
    Interaction: 600, Grant: 3600, Session: 3600,
  },
  // Brokers put what identifies the person in the ID token; the portal reads it there (and
  // allauth also reads the userinfo endpoint, which returns the same).
  conformIdTokenClaims: false,
  // The identifying claims come with `openid`, whatever else the portal asks for: that is the
  // point of logging in with DigiD or eHerkenning. Name and e-mail come with the usual scopes.
  claims: {
    openid: [
      'sub', 'acr', 'amr', 'bsn', 'loa', 'kvk', 'vestigingsnummer', 'organisation_name', 'groups',
    ],
    profile: ['name', 'given_name', 'family_name'],
    email: ['email', 'email_verified'],
  },
  acrValues: [
    ...Object.values(DIGID_ACR), ...Object.values(EHERKENNING_ACR), ...Object.values(STAFF_ACR),
  ],
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
  },
  async findAccount(ctx, sub) {
    const { user, level } = account(sub);
    if (!user) return undefined;
    const claims = { ...user.claims, ...(level ? { loa: level } : {}) };
    return { accountId: sub, claims: async () => ({ sub, ...claims }) };
  },
  // First-party clients: no consent screen; the grant covers what the portal asked for.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
    const claims = Object.keys({
      ...ctx.oidc.claims?.id_token, ...ctx.oidc.claims?.userinfo,
    });
    if (claims.length) grant.addOIDCClaims(claims);
    await grant.save();
    return grant;
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  renderError: async (ctx, out) => {
    ctx.type = 'html';
    ctx.body = page('Fout bij de test-broker', `
      <h1>Fout bij de test-broker</h1>
      <p><code>${escape(out.error)}</code>: ${escape(out.error_description || '')}</p>`);
  },
};

const provider = new Provider(ISSUER, configuration);

// Any redirect URI that matches a pattern, for every client: the live server's port is chosen
// at random, so no fixed list can name it (the recipe "redirect_uri wildcards" of oidc-provider).
provider.Client.prototype.redirectUriAllowed = (uri) => REDIRECTS.some((re) => re.test(uri));
provider.Client.prototype.postLogoutRedirectUriAllowed = (uri) => (
  POST_LOGOUT.some((re) => re.test(uri)));

// --- misbehaving token responses: rewritten after the token endpoint made a good one --------
provider.use(async (ctx, next) => {
  await next();
  const mode = ctx.oidc?.route === 'token' && CLIENTS.get(ctx.oidc.client?.clientId)?.mode;
  if (mode === 'server-error') {
    ctx.status = 503;
    ctx.type = 'text';
    ctx.body = 'Service Unavailable';
    return;
  }
  if (!mode || !ctx.body?.id_token) return;
  const [header] = ctx.body.id_token.split('.');
  const claims = jose.decodeJwt(ctx.body.id_token);
  const now = Math.floor(Date.now() / 1000);
  let key = signingJwk;
  if (mode === 'wrong-key') key = strangerJwk;
  if (mode === 'wrong-audience') claims.aud = 'een-andere-client';
  if (mode === 'wrong-issuer') claims.iss = 'http://127.0.0.1:9/niet-de-broker';
  if (mode === 'wrong-nonce') claims.nonce = 'niet-de-nonce-van-het-portaal';
  if (mode === 'expired-token') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  ctx.body.id_token = await new jose.CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader(jose.decodeProtectedHeader(`${header}..`))
    .sign(await jose.importJWK(key, 'RS256'));
});

// --- the login page: pick a test person (or send login_hint=<id> to skip it) ---------------
// DigiD people can also be logged in at another level than their own, for the portal's
// "log in again at a higher level": the level chosen on the page, or the one the portal asks
// for in acr_values (a level or its SAML class). The account is then `<person>@<level>` (its
// `sub`); the portal knows a DigiD person by the BSN, which stays the same.
const LEVELS = Object.keys(DIGID_ACR);

function account(accountId) {
  const [id, level] = String(accountId).split('@');
  const user = USERS_BY_ID.get(id);
  if (!user || (level && (user.broker !== 'digid' || !LEVELS.includes(level)))) return {};
  return { user, level: level && level !== user.claims.loa ? level : '' };
}

function requestedLevel(acrValues) {
  for (const value of String(acrValues || '').split(' ')) {
    const level = LEVELS.find((name) => name === value || DIGID_ACR[name] === value);
    if (level) return level;
  }
  return '';
}

async function interaction(req, res, uid) {
  const details = await provider.interactionDetails(req, res);
  const { broker } = CLIENTS.get(details.params.client_id);
  const people = USERS.filter((user) => user.broker === broker);
  let choice = null;
  let level = broker === 'digid' ? requestedLevel(details.params.acr_values) : '';
  if (req.method === 'POST') {
    const form = new URLSearchParams(await body(req));
    if (form.has('cancel')) {
      return provider.interactionFinished(req, res, {
        error: 'access_denied', error_description: 'Inloggen is afgebroken.',
      }, { mergeWithLastSubmission: false });
    }
    choice = form.get('user');
    level = LEVELS.includes(form.get('level')) && broker === 'digid' ? form.get('level') : '';
  } else if (USERS_BY_ID.get(details.params.login_hint)?.broker === broker) {
    choice = details.params.login_hint;
  }
  const user = people.find((person) => person.id === choice);
  if (user) {
    const raised = level && level !== user.claims.loa;
    return provider.interactionFinished(req, res, {
      login: {
        accountId: raised ? `${user.id}@${level}` : user.id,
        acr: raised ? DIGID_ACR[level] : user.acr,
        amr: user.amr,
      },
    }, { mergeWithLastSubmission: false });
  }
  const title = `Inloggen met test-${BROKERS[broker].title}`;
  const levels = broker !== 'digid' ? '' : `
      <p><label for="level">Betrouwbaarheidsniveau</label>
        <select name="level" id="level">
          <option value="">Dat van de testpersoon</option>
          ${LEVELS.map((name) => `
          <option value="${name}" ${name === level ? 'selected' : ''}>${name}</option>`).join('')}
        </select></p>`;
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page(title, `
    <h1>${title}</h1>
    <p>Dit is de test-broker van Burgerkracht, niet de echte ${BROKERS[broker].title}.
       Kies een testpersoon.</p>
    <form method="post" action="/interaction/${escape(uid)}">
      <fieldset>
        <legend>Testpersoon</legend>
        ${people.map((person, i) => `
        <div><input type="radio" name="user" id="user-${person.id}" value="${person.id}"
          ${i === 0 ? 'checked' : ''}>
        <label for="user-${person.id}">${escape(person.label)}</label></div>`).join('')}
      </fieldset>${levels}
      <button type="submit">Inloggen</button>
      <button type="submit" name="cancel" value="1">Annuleren</button>
    </form>`));
}

// RP-initiated logout: no question asked (the portal's own logout button was the question).
async function logoutSource(ctx, form) {
  ctx.body = page('Uitloggen bij de test-broker', `
    <h1>Uitloggen bij de test-broker</h1>
    ${form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>')}
    <button type="submit" form="op.logoutForm">Uitloggen</button>
    <script>document.getElementById('op.logoutForm').submit();</script>`);
}

async function postLogoutSuccessSource(ctx) {
  ctx.body = page('Uitgelogd bij de test-broker', '<h1>Je bent uitgelogd bij de test-broker.</h1>');
}

function page(title, main) {
  return `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>body{font-family:sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
fieldset{margin:1rem 0}button{font-size:1rem;padding:.4rem 1rem;margin-right:.5rem}</style>
</head><body><main>${main}</main></body></html>`;
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function body(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  const match = /^\/interaction\/([\w-]+)$/.exec(new URL(req.url, ISSUER).pathname);
  if (!match) return callback(req, res);
  try {
    await interaction(req, res, match[1]);
  } catch (error) {
    // An interaction that expired or was already finished, or a page opened without one.
    res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page('Fout bij de test-broker', `<h1>Fout bij de test-broker</h1>
      <p>${escape(error.error_description || error.message)}</p>`));
  }
});
server.listen(PORT, HOST, () => {
  const clients = Object.keys(BROKERS).join(', ');
  console.log(`test broker: ${ISSUER} (clients ${clients}; never in production)`);
});
// Stop at once, open connections or not: everything it knows is in memory, for tests.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
