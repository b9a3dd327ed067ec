// Starts django-prose-editor on the rich-text fields (core.forms.RichTextEditor).
//
// The package's own starter imports "django-prose-editor/editor" through an import map,
// which is an inline <script> that the admin's Content-Security-Policy refuses. This one
// imports the editor module from the address each field gives (its hashed static URL),
// so the page needs no inline script. A field's data-django-prose-editor-portal attribute
// lists its extensions (core.html.EDITOR_EXTENSIONS): the toolbar offers nothing else.
const ATTRIBUTE = "data-django-prose-editor-portal";
const SELECTOR = `[${ATTRIBUTE}]`;

function start(editor, textarea) {
  if (textarea.closest(".prose-editor")) {
    return;
  }
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE));
  const extensions = [];
  for (const [name, options] of Object.entries(config.extensions)) {
    const extension = editor[name];
    if (!extension) {
      console.error(`The rich-text editor has no extension called ${name}.`);
      continue;
    }
    extensions.push(typeof options === "object" ? extension.configure(options) : extension);
  }
  const instance = editor.createTextareaEditor(textarea, extensions);
  textarea.dispatchEvent(
    new CustomEvent("prose-editor:ready", { detail: { editor: instance, textarea }, bubbles: true }),
  );
}

const first = document.querySelector(SELECTOR);
if (first) {
  import(first.dataset.proseEditorModule).then((editor) => {
    // Also starts the editor in inline forms added later ("formset:added").
    editor.initializeEditors((textarea) => start(editor, textarea), SELECTOR);
  });
}
