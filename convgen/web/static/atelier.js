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

document.addEventListener("DOMContentLoaded", () => {
  refresh();
  document.addEventListener("input", refresh);
  document.addEventListener("change", refresh);
  const summary = document.getElementById("resume");
  if (summary && !location.hash) {
    summary.focus();
  }
});
