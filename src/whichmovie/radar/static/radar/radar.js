// A trailer played on a film page counts as seen for the logged-in user (My radar puts
// films with unseen trailers first). Without JS, "Mark trailers seen" does the same.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-youtube-id]");
  const form = document.querySelector("form[data-seen-form]");
  if (!button || !form) return;
  const body = new FormData(form);
  body.set("video", button.dataset.youtubeId);
  fetch(form.action, {
    method: "POST",
    body,
    credentials: "same-origin",
    headers: { "X-Fragment": "none" }, // no page back, just the change
  });
});
