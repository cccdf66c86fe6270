// Tells the kernel which time zone the person's browser is in; draws nothing.
function render({ model, el }) {
  el.style.display = "none";
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    zone = "";
  }
  if (zone && model.get("zone") !== zone) {
    model.set("zone", zone);
    model.save_changes();
  }
}

export default { render };
