// Selects marked data-submit send their form when changed (the Content-Security-Policy forbids inline handlers);
// data-clears names a field of the same form to empty first (a district change clears the town).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (!field.matches || !field.matches("select[data-submit]") || !field.form) return;
  var clears = field.getAttribute("data-clears");
  if (clears && field.form.elements[clears]) field.form.elements[clears].value = "";
  field.form.submit();
});
