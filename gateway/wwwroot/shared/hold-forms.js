// Every page handles its forms in its modules, which run only once the city's settings have come (i18n.js) and, on
// staff pages, the sign-in check. A form sent before that went out natively: a GET with every field in the address
// (a name, an e-mail address, a password) and the page reloaded, the click lost (seen with two replicas, where pages
// start slower). So a submission no handler took is held here and sent again a moment later, until the page has caught
// up (thirty seconds at most).
//
// A classic script without imports, loaded at the top of <body> (the header partials; kiosk.html), so it is in place
// before any form exists. The listener is on the document, so it sees a submission after the form's own handlers,
// which prevent the native one.
(() => {
  const held = new WeakMap();
  document.addEventListener('submit', event => {
    const form = event.target;
    if (event.defaultPrevented) {
      held.delete(form);
      return;
    }
    event.preventDefault();
    const tries = (held.get(form) ?? 0) + 1;
    if (tries > 300) {
      held.delete(form);
      return;
    }
    held.set(form, tries);
    const submitter = event.submitter;
    setTimeout(() => { if (form.isConnected) form.requestSubmit(submitter?.form === form ? submitter : undefined); }, 100);
  });
})();
