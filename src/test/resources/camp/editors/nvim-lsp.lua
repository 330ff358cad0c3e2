-- Drives Neovim's built-in LSP client against `camp lsp` (NeovimLspTest): opens a broken file,
-- waits for its diagnostics, asks for a hover and a completion, fixes the file and waits for the
-- diagnostics to clear, then writes what the client saw as JSON and quits.
-- Written for the client API of Neovim 0.7 (Debian 12), which later versions keep.
local env = vim.env
local out = env.CAMP_NVIM_OUT
local timeout = tonumber(env.CAMP_NVIM_TIMEOUT_MS or "60000")
local result = { steps = {} }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd("qa!")
end

local function position(name)
  return { line = tonumber(env["CAMP_NVIM_" .. name .. "_LINE"]), character = tonumber(env["CAMP_NVIM_" .. name .. "_COL"]) }
end

local function diagnostics(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(list, {
      line = d.lnum, col = d.col, end_line = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, code = d.code or lsp.code, source = d.source,
    })
  end
  return list
end

-- the first answer of any client to a request, as its result (or the error)
local function request(buf, method, params)
  local answers, err = vim.lsp.buf_request_sync(buf, method, params, timeout)
  if not answers then
    return { error = tostring(err) }
  end
  for _, answer in pairs(answers) do
    if answer.err then
      return { error = answer.err.message or vim.inspect(answer.err) }
    end
    return { result = answer.result }
  end
  return { error = "no answer" }
end

local ok, failure = pcall(function()
  local file = env.CAMP_NVIM_FILE
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = "camp",
    cmd = vim.fn.json_decode(env.CAMP_NVIM_CMD),
    root_dir = vim.fn.fnamemodify(file, ":p:h"),
  })
  assert(id, "the language client did not start")
  vim.lsp.buf_attach_client(buf, id)
  table.insert(result.steps, "attached")

  local seen = vim.wait(timeout, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  result.diagnostics = diagnostics(buf)
  table.insert(result.steps, seen and "diagnostics" or "no diagnostics")

  local uri = vim.uri_from_bufnr(buf)
  local hover = request(buf, "textDocument/hover", { textDocument = { uri = uri }, position = position("HOVER") })
  if hover.result and hover.result.contents then
    local c = hover.result.contents
    result.hover = type(c) == "string" and c or (c.value or vim.fn.json_encode(c))
  else
    result.hover_error = hover.error or "empty hover"
  end
  table.insert(result.steps, "hover")

  local completion = request(buf, "textDocument/completion", { textDocument = { uri = uri }, position = position("COMPLETE") })
  local items = completion.result and (completion.result.items or completion.result) or {}
  result.completion = {}
  for _, item in ipairs(items) do
    table.insert(result.completion, item.label)
  end
  result.completion_error = completion.error
  table.insert(result.steps, "completion")

  -- the fix, typed as an edit: the client sends it to the server as a change
  local fix = position("FIX")
  vim.api.nvim_buf_set_text(buf, fix.line, fix.character, fix.line, fix.character, { env.CAMP_NVIM_FIX_TEXT })
  local cleared = vim.wait(timeout, function() return #vim.diagnostic.get(buf) == 0 end, 50)
  result.after_fix = diagnostics(buf)
  table.insert(result.steps, cleared and "cleared" or "not cleared")

  vim.lsp.stop_client(id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
end)
if not ok then
  result.failure = tostring(failure)
end
finish()
