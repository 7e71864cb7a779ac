// Small conveniences only: every page works without this script.
document.addEventListener("DOMContentLoaded", () => {
  // "In phiếu": the browser's print dialog.
  for (const b of document.querySelectorAll("[data-print]")) b.addEventListener("click", () => window.print());
  // Buttons that change something people will hear about ask once.
  for (const f of document.querySelectorAll("form[data-confirm]")) {
    f.addEventListener("submit", (e) => {
      if (!window.confirm(f.getAttribute("data-confirm"))) e.preventDefault();
    });
  }
  // The unit list of the notice form shows only when "Các đơn vị đã chọn" is picked.
  const units = document.getElementById("chon-don-vi");
  if (units) {
    const sync = () => {
      const picked = document.querySelector('input[name="doi_tuong"]:checked');
      units.hidden = !picked || picked.value !== "units";
    };
    for (const r of document.querySelectorAll('input[name="doi_tuong"]')) r.addEventListener("change", sync);
    sync();
  }
  // A selection of units in a proposal: "Tất cả" unticks the individual ones and back.
  for (const box of document.querySelectorAll("[data-all-units]")) {
    const scope = box.closest("fieldset");
    box.addEventListener("change", () => {
      if (box.checked) for (const u of scope.querySelectorAll("input[data-unit]")) u.checked = false;
    });
    for (const u of scope.querySelectorAll("input[data-unit]"))
      u.addEventListener("change", () => {
        if (u.checked) box.checked = false;
      });
  }
});
