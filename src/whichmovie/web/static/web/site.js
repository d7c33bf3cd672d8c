// WhichMovie: small progressive enhancements. Everything works without them.
"use strict";

// 1. Images that fail to load (offline, blocked) reveal the poster placeholder under them.
function hideBroken(image) {
  image.classList.add("is-broken");
}
document.addEventListener(
  "error",
  (event) => {
    if (event.target instanceof HTMLImageElement) hideBroken(event.target);
  },
  true,
);
for (const image of document.images) {
  if (image.complete && image.naturalWidth === 0 && image.currentSrc) hideBroken(image);
}

// 2. Privacy-first player: nothing loads from YouTube until the visitor presses play.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-youtube-id]");
  if (!button) return;
  const frame = document.createElement("iframe");
  frame.src =
    "https://www.youtube-nocookie.com/embed/" +
    encodeURIComponent(button.dataset.youtubeId) +
    "?autoplay=1";
  frame.title = button.dataset.title || "Trailer";
  frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
  frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  button.replaceWith(frame);
  frame.focus();
});

// 3. Filter URLs stay short and shareable: empty fields are left out of the query.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.matches("[data-filters]")) return;
  for (const field of form.elements) {
    if (field.name && field.value === "") field.disabled = true;
  }
  // Back/forward may restore this page from cache: give the fields back.
  setTimeout(() => {
    for (const field of form.elements) field.disabled = false;
  });
});

// 4. "Load more": fetch only the next cards and append them; the link still works alone.
document.addEventListener("click", async (event) => {
  const link = event.target.closest("a[data-load-more]");
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  const listing = link.closest("[data-listing]");
  const label = link.textContent;
  link.setAttribute("aria-busy", "true");
  link.textContent = "Loading…";
  try {
    const response = await fetch(link.href, { headers: { "X-Fragment": "page" } });
    if (!response.ok) throw new Error(response.statusText);
    const page = document.createElement("template");
    page.innerHTML = await response.text();
    const items = [...page.content.querySelector("[data-items]").children];
    const pager = page.content.querySelector("[data-pager]");
    listing.querySelector("[data-items]").append(...items);
    listing.querySelector("[data-pager]").replaceWith(pager);
    listing.querySelector("[data-status]").textContent = items.length + " more films loaded.";
    // The address keeps the place: Back (or a reload, or a shared link) opens the list at the
    // films just loaded, with a link up to the newest, instead of at the top of page one.
    history.replaceState(history.state, "", link.href);
    history.scrollRestoration = "manual";
    // Keyboard users continue from the first new film, not from the top.
    items[0]?.querySelector("a")?.focus({ preventScroll: true });
  } catch {
    window.location.href = link.href;
  } finally {
    link.removeAttribute("aria-busy");
    link.textContent = label;
  }
});

// 5. Coming back to a list (Back, or a reload): the film you opened is on screen again, even
// when the list was longer than its first page (the address then holds the cursor, above).
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-items] a[href]");
  if (link) history.replaceState({ ...history.state, opened: link.getAttribute("href") }, "");
});
if (history.state?.opened) {
  const opened = CSS.escape(history.state.opened);
  document.querySelector(`[data-items] a[href="${opened}"]`)?.scrollIntoView({ block: "center" });
}

// 6. Search suggestions as you type: films by title, director or cast, each a link.
const suggestInput = document.querySelector("input[data-suggest]");
if (suggestInput) {
  const list = document.getElementById(suggestInput.getAttribute("aria-describedby"));
  let timer;
  let asked = "";
  suggestInput.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = suggestInput.value.trim();
      if (text.length < 2) {
        list.hidden = true;
        list.replaceChildren();
        return;
      }
      asked = text;
      try {
        const response = await fetch(
          suggestInput.dataset.suggest + "?q=" + encodeURIComponent(text),
        );
        const found = response.ok ? (await response.json()).suggestions : [];
        if (asked !== text) return; // a later keystroke's answer wins
        list.replaceChildren(
          ...found.map((item) => {
            const entry = document.createElement("li");
            const link = document.createElement("a");
            link.href = item.url;
            link.textContent = item.label;
            if (item.detail) {
              const detail = document.createElement("span");
              detail.textContent = " · " + item.detail;
              link.append(detail);
            }
            entry.append(link);
            return entry;
          }),
        );
        list.hidden = found.length === 0;
      } catch {
        list.hidden = true;
      }
    }, 150);
  });
  suggestInput.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && !list.hidden) {
      event.preventDefault();
      list.querySelector("a")?.focus();
    } else if (event.key === "Escape") {
      list.hidden = true;
    }
  });
  list.addEventListener("keydown", (event) => {
    const links = [...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = at + (event.key === "ArrowDown" ? 1 : -1);
      (next < 0 ? suggestInput : links[Math.min(next, links.length - 1)]).focus();
    } else if (event.key === "Escape") {
      list.hidden = true;
      suggestInput.focus();
    }
  });
}

// 7. The newest trailer from the grid, in a dialog: the same nocookie player as the film page
// (loaded because the visitor pressed play). Without JS the link opens the film's trailer.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-play]");
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  event.preventDefault();
  let dialog = document.getElementById("trailer-dialog");
  if (!dialog) {
    dialog = document.createElement("dialog");
    dialog.id = "trailer-dialog";
    dialog.className = "trailer-dialog";
    dialog.setAttribute("aria-labelledby", "trailer-dialog-title");
    dialog.innerHTML =
      '<div class="trailer-dialog-head"><h2 id="trailer-dialog-title"></h2>' +
      '<form method="dialog"><button class="button" type="submit">Close</button></form></div>' +
      '<div class="player" data-slot></div><p><a data-more>All trailers of this film</a></p>';
    // Closing stops the video: the player goes with it.
    dialog.addEventListener("close", () => dialog.querySelector("[data-slot]").replaceChildren());
    document.body.append(dialog);
  }
  dialog.querySelector("h2").textContent = link.dataset.title;
  dialog.querySelector("[data-more]").href = link.href;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "player-button";
  button.dataset.youtubeId = link.dataset.play;
  button.dataset.title = link.dataset.title;
  dialog.querySelector("[data-slot]").replaceChildren(button);
  dialog.showModal();
  button.click(); // the player of 2. above replaces the button with the embed
});
