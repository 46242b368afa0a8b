-- Drives aks-netlint-ls from Neovim's built-in LSP client (0.7 API: start_client +
-- buf_attach_client), headless, on the buffer given on the command line. Writes what a user
-- would see to $OUT as JSON: diagnostics, a hover, the code actions at a finding, and the
-- buffer line after applying one. Never writes the buffer.
local out_path = assert(os.getenv('OUT'), 'OUT is required')
local cmd = vim.split(assert(os.getenv('LSP_CMD'), 'LSP_CMD is required'), ' ', { trimempty = true })
local result = { steps = {} }

local function finish()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

local function codes(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(list, { code = lsp.code, line = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, message = d.message, source = d.source })
  end
  table.sort(list, function(a, b) return a.line < b.line end)
  return list
end

local ok, err = pcall(function()
  local bufnr = vim.api.nvim_get_current_buf()
  local fname = vim.api.nvim_buf_get_name(bufnr)
  local client_id = vim.lsp.start_client({
    name = 'aks-netlint',
    cmd = cmd,
    root_dir = vim.fn.fnamemodify(fname, ':p:h'),
    init_options = { debounceMs = 20 },
  })
  assert(client_id, 'start_client failed')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')

  assert(vim.wait(15000, function() return #vim.diagnostic.get(bufnr) >= 2 end, 20), 'no diagnostics within 15 s')
  result.diagnostics = codes(bufnr)

  local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr), position = { line = 20, character = 10 } }
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 5000)
  local h = hover and hover[client_id] and hover[client_id].result
  result.hover = h and h.contents and h.contents.value

  local line_diags = vim.lsp.diagnostic.get_line_diagnostics(bufnr, 18)
  local ca = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    range = { start = { line = 18, character = 30 }, ['end'] = { line = 18, character = 30 } },
    context = { diagnostics = line_diags },
  }, 5000)
  local actions = ca and ca[client_id] and ca[client_id].result or {}
  result.code_actions = vim.tbl_map(function(a) return a.title end, actions)
  assert(actions[1] and actions[1].edit, 'no code action with an edit')
  vim.lsp.util.apply_workspace_edit(actions[1].edit, 'utf-16')
  result.line_after_fix = vim.api.nvim_buf_get_lines(bufnr, 18, 19, false)[1]
  -- The edit reaches the server as didChange; the finding must go away.
  result.cleared = vim.wait(10000, function()
    for _, d in ipairs(codes(bufnr)) do
      if d.code == 'overlay-mode-case' then return false end
    end
    return true
  end, 20)
  result.diagnostics_after_fix = codes(bufnr)
  result.modified = vim.api.nvim_buf_get_option(bufnr, 'modified')
  vim.lsp.stop_client(client_id)
  vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end)
if not ok then result.error = tostring(err) end
finish()
