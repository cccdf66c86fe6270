// A file button that says what it does ("Choose a file…") and, once chosen, which file.
//
// The file's bytes go to the kernel in one message; the button then shows the file's name.
function render({ model, el }) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jupyter-widgets jupyter-button widget-button widget-upload mentorkit-file-picker";
  const input = document.createElement("input");
  // As wide as its words: ipywidgets' button width would cut "Choose a workbook file…".
  button.style.width = "auto";
  button.style.minWidth = "8em";
  button.style.maxWidth = "100%";
  input.type = "file";
  input.style.display = "none";
  const draw = () => {
    const chosen = model.get("chosen");
    const description = model.get("description");
    button.textContent = chosen || description;
    button.title = chosen ? `${description} (now: ${chosen})` : description;
    button.setAttribute("aria-label", chosen ? `${description}: ${chosen} chosen` : description);
    button.disabled = model.get("disabled");
    input.accept = model.get("accept");
  };
  button.addEventListener("click", () => {
    input.value = "";
    input.click();
  });
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    const limit = model.get("max_bytes");
    if (limit && file.size > limit) {
      model.send({ event: "too_big", name: file.name, size: file.size });
      return;
    }
    const content = await file.arrayBuffer();
    model.send(
      { event: "file", name: file.name, type: file.type, size: file.size },
      undefined,
      [content],
    );
  });
  for (const name of ["chosen", "description", "disabled", "accept"]) {
    model.on(`change:${name}`, draw);
  }
  draw();
  el.append(button, input);
}

export default { render };
