// convgen atelier: show a question only when it applies, and bring the error summary
// into view. No framework; the pages work without it (every question then shows).
"use strict";

function appliesTo(block) {
  const governing = document.getElementsByName(block.dataset.si)[0];
  // A governing question that does not apply itself counts as unanswered.
  const value = governing && !governing.disabled ? governing.value.trim() : "";
  const wanted = block.dataset.siValeurs.split("|");
  return wanted[0] === "*" ? value !== "" : wanted.includes(value);
}

function refresh() {
  for (const block of document.querySelectorAll("[data-si]")) {
    // A question with a problem stays in view, wherever it would not apply: a rule may
    // need it under another answer (parents' information for a child-protection exchange).
    const applies = appliesTo(block) || block.querySelector(".problemes li") !== null;
    block.hidden = !applies;
    for (const field of block.querySelectorAll("input, select, textarea")) {
      field.disabled = !applies;  // a question that does not apply is not sent
    }
  }
}

// Answers typed, then a link followed (the section list, « Tous les problèmes »…): the
// section's form is sent first, and the server goes on to the link's page, so nothing
// typed is lost.
function keepAnswersOnLeaving(form) {
  let typed = false;
  let leaving = false;  // sent: a second click must not cancel the sending
  form.addEventListener("input", () => { typed = true; });
  form.addEventListener("change", () => { typed = true; });
  form.addEventListener("submit", () => { typed = false; });
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='/']");
    if (!link || link.target || link.hasAttribute("download") || event.defaultPrevented
        || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey
        || event.altKey) {
      return;
    }
    if (leaving) {
      event.preventDefault();
      return;
    }
    if (!typed) {
      return;
    }
    event.preventDefault();
    const added = [["_action", "aller"], ["_aller", link.getAttribute("href")]].map(
      ([name, value]) => {
        const field = document.createElement("input");
        field.type = "hidden";
        field.name = name;
        field.value = value;
        form.appendChild(field);
        return field;
      });
    leaving = true;
    form.submit();
    // The browser has read the form: the page kept in its history must not go on
    // sending « aller » with the buttons.
    added.forEach((field) => field.remove());
  });
  window.addEventListener("pageshow", () => { leaving = false; });
  // Reloaded, closed, or left by the address bar with answers not sent: the browser
  // asks first (« Quitter le site ? Les modifications ne seront peut-être pas enregistrées »).
  window.addEventListener("beforeunload", (event) => {
    if (typed && !leaving) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}

// An organisation removed (a party, a member) takes its answers with it, and the
// answers that name it elsewhere (exchanges, payments, the committee) no longer match:
// the director is asked first.
function confirmRemovals() {
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button.retirer");
    if (!button || !/^retirer:(parties|membres)\[\d+\]$/.test(button.value)) {
      return;
    }
    const item = button.value.slice("retirer:".length);
    const named = document.getElementsByName(`${item}.denomination`)[0];
    const name = named && named.value.trim() ? ` (« ${named.value.trim()} »)` : "";
    const asked = `${button.textContent.trim()}${name} ? Ses réponses seront effacées, et `
      + "celles qui désignent cette organisation ailleurs (échanges d’informations, "
      + "versements, instance, signature…) seront à corriger.";
    if (!window.confirm(asked)) {
      event.preventDefault();
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  confirmRemovals();
  refresh();
  document.addEventListener("input", refresh);
  document.addEventListener("change", refresh);
  const questionnaire = document.querySelector("form.questionnaire");
  if (questionnaire) {
    keepAnswersOnLeaving(questionnaire);
  }
  const summary = document.getElementById("resume");
  if (summary && !location.hash) {
    summary.focus();
  }
});
