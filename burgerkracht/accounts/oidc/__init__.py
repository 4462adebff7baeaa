"""Logging in through an OpenID Connect broker: DigiD, eHerkenning and the staff's SSO.

allauth's `openid_connect` provider does the protocol (discovery, PKCE, state, the code
exchange); this package adds what a Dutch municipality needs on top of it
(docs/decisions/0039-login-with-digid-eherkenning-sso.md):

- adapter.py  the apps come from LoginMethod rows; the nonce and the ID token's signature
              are checked; the BSN, KvK and level of assurance are read from the claims
- provider.py allauth's provider with a nonce and an always-verified ID token
- claims.py   what a set of claims says: who, which organisation, which level, second factor
- session.py  what the session keeps of the login, the DigiD idle timeout, broker logout
- levels.py   the level of assurance an action needs, and asking for a higher one
- views.py    the pages: linking to an existing account, a higher level, errors, staying in
"""
