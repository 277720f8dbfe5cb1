-- Neovim's built-in LSP client against `translate-kit lsp`: open a file, wait for the
-- diagnostics, apply the "Replace with ..." code action, write the buffer, and wait for
-- the diagnostics to go. Exits 0 on success, 3-7 naming the step that failed.
-- Run: TK_PYTHON=python TK_FILE=doc.md nvim --headless --clean -u NONE -c "luafile nvim_fix.lua"
local python = assert(os.getenv("TK_PYTHON"))
local file = assert(os.getenv("TK_FILE"))
local root = vim.fn.fnamemodify(file, ":p:h")

local function fail(code, message)
  io.stderr:write("nvim_fix.lua: " .. message .. "\n")
  vim.cmd("cquit " .. code)
end

vim.cmd("edit " .. vim.fn.fnameescape(file))
vim.bo.filetype = "markdown"
local bufnr = vim.api.nvim_get_current_buf()
local published = nil
local config = {
  name = "translate-kit",
  cmd = { python, "-m", "translate_kit", "lsp" },
  root_dir = root,
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, result, ctx, cfg)
      published = result
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, cfg)
    end,
  },
}
local client_id
if vim.lsp.start then -- Neovim 0.8+
  client_id = vim.lsp.start(config)
else -- 0.7 (Debian bookworm)
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(bufnr, client_id)
end
if not client_id then fail(3, "the server did not start") end

if not vim.wait(30000, function() return published ~= nil and #published.diagnostics > 0 end, 20) then
  fail(4, "no diagnostics")
end
local diagnostic = published.diagnostics[1]
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = diagnostic.range,
  context = { diagnostics = { diagnostic } },
}
local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 10000) or {}
local chosen = nil
for _, response in pairs(responses) do
  for _, action in ipairs(response.result or {}) do
    if action.title:find("^Replace with") then chosen = action end
  end
end
if not chosen then fail(5, "no 'Replace with' code action") end
vim.lsp.util.apply_workspace_edit(chosen.edit, "utf-16")
vim.cmd("write")

if not vim.wait(30000, function() return published ~= nil and #published.diagnostics == 0 end, 20) then
  fail(6, "the diagnostic did not go away after the fix")
end
vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
vim.cmd("qall!")
