// From the GOV.UK Frontend page template, moved out of the page so the Content Security Policy needs
// no inline script: marks the body so components style themselves for JavaScript before they start.
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
