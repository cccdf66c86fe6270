// The text box of a TagBox: Enter, a comma or leaving the box makes a tag, in the page itself.
//
// The box is emptied here, in the page, and the words go to the kernel as one message: the
// kernel never rewrites the box under the person's fingers, so nothing typed next is lost.
const SEPARATORS = /[,;\n\r]/;

function render({ model, el }) {
  el.classList.add("widget-inline-hbox", "widget-text", "mentorkit-tag-entry");
  // JupyterLab's notebook shortcuts (Enter, a, b, ...) must not take the keys typed here.
  el.setAttribute("data-lm-suppress-shortcuts", "true");
  const input = document.createElement("input");
  input.type = "text";
  input.className = "mentorkit-tag-input";
  input.id = "mentorkit-tag-" + Math.random().toString(36).slice(2);
  const label = document.createElement("label");
  label.className = "widget-label";
  label.htmlFor = input.id;

  const draw = () => {
    const description = model.get("description");
    label.textContent = description;
    label.style.display = description ? "" : "none";
    input.placeholder = model.get("placeholder");
    const name = model.get("aria_label") || description;
    if (name) input.setAttribute("aria-label", name);
    else input.removeAttribute("aria-label");
    if (input.value !== model.get("value")) input.value = model.get("value");
  };
  const keep = () => {
    model.set("value", input.value);
    model.save_changes();
  };
  const send = (text) => {
    if (text.trim()) model.send({ event: "tags", text });
  };
  const commitAll = () => {
    send(input.value);
    input.value = "";
    keep();
  };

  input.addEventListener("keydown", (event) => {
    event.stopPropagation();
    if (event.isComposing) return;
    if (event.key === "Enter" || event.key === "," || event.key === ";") {
      event.preventDefault();
      commitAll();
    }
  });
  input.addEventListener("keypress", (event) => event.stopPropagation());
  input.addEventListener("input", (event) => {
    const text = input.value;
    if (SEPARATORS.test(text)) {
      if (event.inputType === "insertFromPaste" || event.inputType === "insertFromDrop") {
        commitAll(); // a pasted list is a list of tags, the last one included
        return;
      }
      // A separator the keydown did not see (an input method): what comes before it is done.
      const parts = text.split(SEPARATORS);
      const rest = parts.pop();
      send(parts.join(","));
      input.value = rest;
    }
    keep();
  });
  input.addEventListener("blur", () => {
    if (input.value.trim()) commitAll();
  });
  model.on("change:value", draw);
  model.on("change:placeholder", draw);
  model.on("change:description", draw);
  model.on("change:aria_label", draw);
  draw();
  el.append(label, input);
}

export default { render };
