// Progressive enhancement only: every page works without JavaScript.
import { initAll } from "./govuk-frontend.min.js";

initAll();

// Type-to-filter for long checkbox lists (the links page): the server-side search still works
// without JavaScript; this narrows the list as the user types, and says how many match.
for (const list of document.querySelectorAll("[data-app-filter-list]")) {
  const items = [...list.querySelectorAll(".govuk-checkboxes__item")];
  const wrapper = document.createElement("div");
  wrapper.className = "govuk-form-group";
  const id = `${list.id || "list"}-filter`;
  wrapper.innerHTML =
    `<label class="govuk-label" for="${id}">Filter this list</label>` +
    `<input class="govuk-input govuk-!-width-two-thirds" id="${id}" type="search" autocomplete="off">` +
    `<p class="govuk-body-s govuk-!-margin-top-2" aria-live="polite" id="${id}-status"></p>`;
  list.before(wrapper);
  const input = wrapper.querySelector("input");
  const status = wrapper.querySelector("p");
  input.addEventListener("input", () => {
    const words = input.value.trim().toLowerCase();
    let shown = 0;
    for (const item of items) {
      const match = !words || item.textContent.toLowerCase().includes(words);
      // Ticked boxes stay visible, so nobody unlinks a record they cannot see.
      const keep = match || item.querySelector("input").checked;
      // The item is display: flex in GOV.UK Frontend, which beats the hidden attribute.
      item.style.display = keep ? "" : "none";
      shown += keep ? 1 : 0;
    }
    status.textContent = words ? `${shown} of ${items.length} shown` : "";
  });
}
