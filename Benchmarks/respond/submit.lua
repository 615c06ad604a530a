-- wrk script: each request submits one 20-answer response with a code of its own.
-- Usage: wrk -s submit.lua URL -- CODES_FILE BODY_FILE THREADS
-- Each wrk thread takes every THREADS-th code, so no code is sent twice.
local next_id = 0

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

local codes = {}
local position = 0
local body = ""
local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }

function init(args)
  local threads = tonumber(args[3])
  local index = 0
  for line in io.lines(args[1]) do
    if index % threads == thread_id then codes[#codes + 1] = line end
    index = index + 1
  end
  local file = io.open(args[2], "r")
  body = file:read("*a")
  file:close()
end

function request()
  position = position + 1
  -- Past the last code the server answers 409 (already used), which wrk counts as non-2xx.
  local code = codes[((position - 1) % #codes) + 1]
  return wrk.format("POST", "/api/v1/respond/" .. code, headers, body)
end
