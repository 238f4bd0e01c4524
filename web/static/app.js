// Progressive enhancement only: every page works without this file.
"use strict";
document.addEventListener("submit", (event) => {
  // A second click on a slow form must not post it twice.
  const form = event.target;
  if (form.dataset.submitted === "yes") { event.preventDefault(); return; }
  form.dataset.submitted = "yes";
  for (const button of form.querySelectorAll("button[type=submit]")) button.setAttribute("aria-disabled", "true");
});
document.addEventListener("click", (event) => {
  // Buttons that need a second thought say so in data-confirm.
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
});
document.addEventListener("DOMContentLoaded", () => {
  // An error summary takes the focus, so screen readers announce what to fix.
  const summary = document.querySelector("[data-focus]");
  if (summary) summary.focus();
});
