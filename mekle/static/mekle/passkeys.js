// Passkeys (WebAuthn) on the second-factor page and on the page of one's own sign-in factors.
// Without JavaScript, or in a browser without passkeys, the sections say so and the codes still work.
(function () {
  "use strict";

  function toBytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    var binary = atob(base64 + "===".slice((base64.length + 3) % 4));
    return Uint8Array.from(binary, function (c) { return c.charCodeAt(0); });
  }

  function toText(buffer) {
    var binary = String.fromCharCode.apply(null, new Uint8Array(buffer));
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function withBytes(list) {
    return (list || []).map(function (c) { return Object.assign({}, c, { id: toBytes(c.id) }); });
  }

  function creationOptions(json) {
    return Object.assign({}, json, {
      challenge: toBytes(json.challenge),
      user: Object.assign({}, json.user, { id: toBytes(json.user.id) }),
      excludeCredentials: withBytes(json.excludeCredentials),
    });
  }

  function requestOptions(json) {
    return Object.assign({}, json, { challenge: toBytes(json.challenge), allowCredentials: withBytes(json.allowCredentials) });
  }

  function credentialJSON(credential) {
    var response = credential.response;
    var body = { clientDataJSON: toText(response.clientDataJSON) };
    if (response.attestationObject) {
      body.attestationObject = toText(response.attestationObject);
      if (response.getTransports) { body.transports = response.getTransports(); }
    } else {
      body.authenticatorData = toText(response.authenticatorData);
      body.signature = toText(response.signature);
      if (response.userHandle) { body.userHandle = toText(response.userHandle); }
    }
    return JSON.stringify({
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response: body,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
    });
  }

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function post(url, fields) {
    var body = new URLSearchParams(fields);
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
      body: body,
    });
  }

  function setUp(section, ceremony) {
    var button = section.querySelector("[data-passkey-button]");
    var error = section.querySelector("[data-passkey-error]");
    var note = section.querySelector("[data-passkey-no-script]");
    var name = section.querySelector("[data-passkey-name]");
    if (!window.PublicKeyCredential || !navigator.credentials) {
      return; // the note that passkeys need JavaScript and a browser that has them stays
    }
    note.hidden = true;
    button.hidden = false;
    if (name) { name.hidden = false; }

    function fail(message) {
      error.textContent = message;
      error.hidden = false;
      button.disabled = false;
    }

    button.addEventListener("click", function () {
      button.disabled = true;
      error.hidden = true;
      post(section.dataset.optionsUrl, {})
        .then(function (response) { return response.json(); })
        .then(ceremony)
        .then(function (credential) {
          var fields = { credential: credentialJSON(credential), next: section.dataset.next || "" };
          var input = section.querySelector("#passkey-name");
          if (input) { fields.name = input.value; }
          return post(section.dataset.verifyUrl, fields);
        })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          if (answer.redirect) { window.location.assign(answer.redirect); } else { fail(answer.error); }
        })
        .catch(function () { fail(section.dataset.failed); });
    });
  }

  document.querySelectorAll("[data-passkey-sign-in]").forEach(function (section) {
    setUp(section, function (json) { return navigator.credentials.get({ publicKey: requestOptions(json) }); });
  });
  document.querySelectorAll("[data-passkey-register]").forEach(function (section) {
    setUp(section, function (json) { return navigator.credentials.create({ publicKey: creationOptions(json) }); });
  });
})();
