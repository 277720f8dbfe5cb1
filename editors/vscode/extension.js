// Starts `translate-kit lsp` for Markdown, reStructuredText, plain text and gettext files and hands its
// settings (translate-kit.*) to it; all the work is the server's.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("translate-kit");
  const [command, ...args] = config.get("command") || ["translate-kit", "lsp"];
  const serverOptions = { command, args, transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "restructuredtext" },
      { scheme: "file", language: "plaintext" },
      { scheme: "file", pattern: "**/*.{po,pot}" },
    ],
    synchronize: {
      configurationSection: "translate-kit",
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.md,*.rst,*.txt,*.po,*.pot,*.csv,*.tbx,*.yml,pyproject.toml,translate-kit.toml}"),
    },
    initializationOptions: { "translate-kit": config },
  };
  client = new LanguageClient("translate-kit", "translate-kit", serverOptions, clientOptions);
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
