// The test broker's people: who a test (or a person trying `make broker`) can log in as.
//
// Each belongs to one broker: the DigiD clients list only the DigiD residents, and so on. The
// `id` is the OIDC `sub` and what a test sends as `login_hint` to skip the choice page. The
// claims are what that broker hands the portal, under these names (tests/oidc/fixtures.py
// repeats them for the portal's configuration):
//
//   DigiD        bsn, loa (basis | midden | substantieel | hoog), acr (DigiD's SAML class)
//   eHerkenning  kvk, vestigingsnummer, organisation_name, loa (eH2, eH3, ...), acr, name
//   staff SSO    email, name, groups, amr (["pwd", "otp"] or ["pwd"]), acr
//
// Real DigiD hands over the BSN and the level only; brokers that look up the name in the BRP
// add it. So one resident has a name and e-mail address, one has only the BSN, as DigiD itself.
// All BSNs pass the eleven test and lie in the 99999xxxx range that is never issued.

// DigiD's levels, as the SAML authentication context classes that brokers pass on in `acr`.
export const DIGID_ACR = {
  basis: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
  midden: 'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract',
  substantieel: 'urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard',
  hoog: 'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI',
};

// eHerkenning's levels (the "betrouwbaarheidsniveau" of the Afsprakenstelsel Elektronische
// Toegangsdiensten).
export const EHERKENNING_ACR = {
  eH2: 'urn:etoegang:core:assurance-class:loa2',
  eH3: 'urn:etoegang:core:assurance-class:loa3',
};

// What a staff identity provider says about the second factor (Entra ID and ADFS say "mfa" in
// amr; the portal reads amr for "otp" or "mfa", and acr for the PAPE multi-factor policy).
export const STAFF_ACR = {
  mfa: 'http://schemas.openid.net/pape/policies/2007/06/multi-factor',
  pwd: 'urn:burgerkracht:test:password-only',
};

export const USERS = [
  // --- DigiD ---------------------------------------------------------------------------
  {
    id: 'resident-midden',
    broker: 'digid',
    label: 'Anna de Vries — BSN 999990019, niveau midden',
    claims: {
      bsn: '999990019', loa: 'midden',
      name: 'Anna de Vries', given_name: 'Anna', family_name: 'de Vries',
      email: 'anna.devries@example.nl', email_verified: true,
    },
    acr: DIGID_ACR.midden,
    amr: ['pwd', 'sms'],
  },
  {
    id: 'resident-basis',
    broker: 'digid',
    label: 'Karim Bouzid — BSN 999990020, niveau basis',
    claims: {
      bsn: '999990020', loa: 'basis',
      name: 'Karim Bouzid', given_name: 'Karim', family_name: 'Bouzid',
      email: 'karim.bouzid@example.nl', email_verified: true,
    },
    acr: DIGID_ACR.basis,
    amr: ['pwd'],
  },
  {
    id: 'resident-substantieel',
    broker: 'digid',
    label: 'Joke Visser — BSN 999990032, niveau substantieel',
    claims: {
      bsn: '999990032', loa: 'substantieel',
      name: 'Joke Visser', given_name: 'Joke', family_name: 'Visser',
      email: 'joke.visser@example.nl', email_verified: true,
    },
    acr: DIGID_ACR.substantieel,
    amr: ['pwd', 'app'],
  },
  {
    // As DigiD itself: the BSN and the level, no name, no e-mail address.
    id: 'resident-bsn-only',
    broker: 'digid',
    label: 'Alleen BSN 999990044, niveau midden (zonder naam en e-mailadres)',
    claims: { bsn: '999990044', loa: 'midden' },
    acr: DIGID_ACR.midden,
    amr: ['pwd', 'sms'],
  },
  {
    // A misconfigured broker: a DigiD login whose claims lack the BSN.
    id: 'resident-no-bsn',
    broker: 'digid',
    label: 'Zonder BSN (fout in de broker), niveau midden',
    claims: {
      loa: 'midden', name: 'Zonder BSN', email: 'zonder.bsn@example.nl', email_verified: true,
    },
    acr: DIGID_ACR.midden,
    amr: ['pwd', 'sms'],
  },
  // --- eHerkenning ---------------------------------------------------------------------
  {
    // SC-02: Paul Offerman acts for Stichting WoonMere.
    id: 'woonmere',
    broker: 'eherkenning',
    label: 'Paul Offerman namens Stichting WoonMere — KvK 41329178, vestiging 000041329178, eH3',
    claims: {
      kvk: '41329178', vestigingsnummer: '000041329178',
      organisation_name: 'Stichting WoonMere', loa: 'eH3',
      name: 'Paul Offerman', given_name: 'Paul', family_name: 'Offerman',
      email: 'paul.offerman@woonmere.example.nl', email_verified: true,
    },
    acr: EHERKENNING_ACR.eH3,
    amr: ['pwd', 'otp'],
  },
  {
    // The organisation as a whole, no branch (vestigingsnummer) given, at eH2.
    id: 'woonmere-no-branch',
    broker: 'eherkenning',
    label: 'Paul Offerman namens Stichting WoonMere — KvK 41329178, zonder vestiging, eH2',
    claims: {
      kvk: '41329178', organisation_name: 'Stichting WoonMere', loa: 'eH2',
      name: 'Paul Offerman', given_name: 'Paul', family_name: 'Offerman',
      email: 'paul.offerman@woonmere.example.nl', email_verified: true,
    },
    acr: EHERKENNING_ACR.eH2,
    amr: ['pwd'],
  },
  {
    // A misconfigured broker: an eHerkenning login without the KvK number.
    id: 'eherkenning-no-kvk',
    broker: 'eherkenning',
    label: 'Zonder KvK-nummer (fout in de broker), eH3',
    claims: { loa: 'eH3', name: 'Zonder KvK', email: 'zonder.kvk@example.nl' },
    acr: EHERKENNING_ACR.eH3,
    amr: ['pwd', 'otp'],
  },
  // --- Staff SSO -----------------------------------------------------------------------
  {
    id: 'staff-mfa',
    broker: 'staff',
    label: 'Sanne Smit (medewerker) — wachtwoord en tweede factor',
    claims: {
      name: 'Sanne Smit', given_name: 'Sanne', family_name: 'Smit',
      email: 'sanne.smit@gemeente.example.nl', email_verified: true,
      groups: ['subsidies-behandelaars'],
    },
    acr: STAFF_ACR.mfa,
    amr: ['pwd', 'otp'],
  },
  {
    id: 'staff-pwd',
    broker: 'staff',
    label: 'Ruud Mulder (medewerker) — alleen wachtwoord',
    claims: {
      name: 'Ruud Mulder', given_name: 'Ruud', family_name: 'Mulder',
      email: 'ruud.mulder@gemeente.example.nl', email_verified: true,
      groups: ['subsidies-behandelaars'],
    },
    acr: STAFF_ACR.pwd,
    amr: ['pwd'],
  },
];

export const USERS_BY_ID = new Map(USERS.map((user) => [user.id, user]));
