/* Typed work kept in the browser (issue 14, item 13). The weekly batch form
   <form data-draft="PREFIX"> keeps a draft of every row in localStorage under
   PREFIX + item key (PREFIX names the user, the campaign and the week), so that nothing typed
   is lost when the session expires, the week selector is changed or the page is left:
   - every change of a row is saved as its draft, with the row's version when it was opened;
   - on load, drafts of rows whose version has not moved since are put back, with a notice
     (and a button to discard them); a draft whose row was saved meanwhile is dropped;
   - leaving the page with changes not yet submitted asks first (beforeunload);
   - a successful save (the page shows a message tagged "draft-saved") removes the drafts of
     the submitted form;
   - the login page says, when this browser holds drafts, that they are kept.
   No inline script: the CSP allows scripts from 'self' only. */
(function () {
  "use strict";

  var ROOT = "baidays-draft:";
  var SUBMITTED = "baidays-draft-submitted";
  var store;
  try {
    store = window.localStorage;
    store.getItem(ROOT);
  } catch (error) {
    return; // storage disabled: the form works as before, without drafts
  }

  function keysWith(prefix) {
    var keys = [];
    for (var index = 0; index < store.length; index += 1) {
      var key = store.key(index);
      if (key && key.indexOf(prefix) === 0) {
        keys.push(key);
      }
    }
    return keys;
  }

  function removeAll(prefix) {
    keysWith(prefix).forEach(function (key) {
      store.removeItem(key);
    });
  }

  // a successful save: drop the drafts of the form that was submitted
  var submitted = window.sessionStorage.getItem(SUBMITTED);
  if (submitted && document.querySelector('[data-message-tags~="draft-saved"]')) {
    removeAll(submitted);
    window.sessionStorage.removeItem(SUBMITTED);
  }

  var loginNotice = document.querySelector("[data-draft-login-notice]");
  if (loginNotice && keysWith(ROOT).length) {
    loginNotice.hidden = false;
  }

  var form = document.querySelector("form[data-draft]");
  if (!form) {
    return;
  }
  var prefix = form.getAttribute("data-draft");
  var dirty = false;

  function fieldsOf(row) {
    var fields = {};
    row.querySelectorAll("input[name], textarea[name], select[name]").forEach(function (field) {
      var name = field.name.replace(/^form-\d+-/, "");
      if (field.type !== "hidden") {
        fields[name] = field;
      }
    });
    return fields;
  }

  function versionOf(row) {
    var field = row.querySelector('input[name$="-version"]');
    return field ? field.value : "";
  }

  function saveRow(row) {
    var values = {};
    var fields = fieldsOf(row);
    Object.keys(fields).forEach(function (name) {
      values[name] = fields[name].value;
    });
    var draft = { version: versionOf(row), values: values, savedAt: new Date().toISOString() };
    try {
      store.setItem(prefix + row.getAttribute("data-item"), JSON.stringify(draft));
    } catch (error) {
      // storage full: the form still submits what is typed
    }
  }

  function restoreRow(row) {
    var key = prefix + row.getAttribute("data-item");
    var draft;
    try {
      draft = JSON.parse(store.getItem(key) || "null");
    } catch (error) {
      draft = null;
    }
    if (!draft || !draft.values) {
      return false;
    }
    if (draft.version !== versionOf(row)) {
      store.removeItem(key); // the row was saved since the draft was typed
      return false;
    }
    var fields = fieldsOf(row);
    var changed = false;
    Object.keys(draft.values).forEach(function (name) {
      var field = fields[name];
      if (field && field.value !== draft.values[name]) {
        field.value = draft.values[name];
        changed = true;
      }
    });
    if (changed) {
      row.classList.add("border-warning");
      row.setAttribute("data-draft-restored", "");
    } else {
      store.removeItem(key); // what the page shows already is the draft
    }
    return changed;
  }

  var rows = Array.prototype.slice.call(form.querySelectorAll("[data-item]"));
  var restored = rows.filter(restoreRow).length;
  if (restored) {
    dirty = true;
    var notice = document.createElement("div");
    notice.className = "alert alert-warning d-flex flex-wrap gap-2 align-items-center";
    notice.setAttribute("role", "status");
    notice.setAttribute("data-testid", "draft-restored");
    var text = document.createElement("span");
    text.textContent =
      "已恢复您在本浏览器中尚未保存的填写内容（" + restored + " 个项目，黄色边框），请核对后保存。";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "btn btn-sm btn-outline-secondary ms-auto";
    discard.textContent = "放弃这些内容";
    discard.addEventListener("click", function () {
      removeAll(prefix);
      dirty = false;
      window.location.reload();
    });
    notice.appendChild(text);
    notice.appendChild(discard);
    form.parentNode.insertBefore(notice, form);
  }

  form.addEventListener("input", function (event) {
    var row = event.target.closest ? event.target.closest("[data-item]") : null;
    if (row) {
      saveRow(row);
      dirty = true;
    }
  });

  form.addEventListener("submit", function () {
    dirty = false;
    window.sessionStorage.setItem(SUBMITTED, prefix);
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = ""; // the browser shows its own "leave this page?" question
    }
  });
})();
