// Libromi Connect dashboard: the live views. An element with data-live="<url>" is replaced by what that url answers;
// the server holds each request until what the element shows has changed (or about 25 s have passed), so the view
// follows deliveries as they happen without reloading and without asking more often than things change.
"use strict";

function follow(element) {
  const url = new URL(element.dataset.live, document.baseURI);
  url.searchParams.set("seen", element.dataset.seen || "");
  fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
    .then(response => {
      if (response.status === 401 || response.status === 403 || response.redirected) {
        window.location.reload();
        return null;
      }
      return response.ok ? response.text() : Promise.reject(new Error(String(response.status)));
    })
    .then(html => {
      if (html === null) {
        return;
      }
      const template = document.createElement("template");
      template.innerHTML = html;
      const next = template.content.firstElementChild;
      if (!next || !element.isConnected) {
        return;
      }
      element.replaceWith(next);
      follow(next);
    })
    .catch(() => {
      // Offline, or the server is restarting: try again a little later.
      if (element.isConnected) {
        setTimeout(() => follow(element), 5000);
      }
    });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-live]").forEach(follow);
  document.querySelectorAll("[data-confirm]").forEach(form =>
    form.addEventListener("submit", event => {
      if (!window.confirm(form.dataset.confirm)) {
        event.preventDefault();
      }
    }));
});
