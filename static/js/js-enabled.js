// Marks the page as able to run GOV.UK Frontend's scripts (an external file, so CSP needs no inline script).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
