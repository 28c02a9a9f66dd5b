-- wrk script: POSTs real MNIST test images (bodies written by load.sh) in turn, and checks
-- that every answer is a 2xx whose first array named <field> ("output" for /predict, "data"
-- for v2, whose first output is the probabilities) holds exactly 10 numbers.
-- Usage: wrk ... -s bench/predict.lua URL -- <bodies dir> <number of bodies> [field]

local threads = {}

function setup(thread)
	table.insert(threads, thread)
end

function init(args)
	local dir, count = args[1], tonumber(args[2])
	field = args[3] or "output"
	bodies = {}
	for i = 0, count - 1 do
		local file = assert(io.open(dir .. "/body-" .. i .. ".json", "r"))
		bodies[i + 1] = file:read("*a")
		file:close()
	end
	next_body, responses, non2xx, wrong = 0, 0, 0, 0
end

function request()
	next_body = next_body % #bodies + 1
	return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, bodies[next_body])
end

function response(status, headers, body)
	responses = responses + 1
	if status < 200 or status > 299 then
		non2xx = non2xx + 1
		return
	end
	local output = body:match('"' .. field .. '":%[([^%]]*)%]')
	local n = 0
	if output then
		for _ in output:gmatch("[^,]+") do
			n = n + 1
		end
	end
	if n ~= 10 then
		wrong = wrong + 1
	end
end

function done(summary, latency, requests)
	local checked, bad_status, bad_shape = 0, 0, 0
	for _, thread in ipairs(threads) do
		checked = checked + thread:get("responses")
		bad_status = bad_status + thread:get("non2xx")
		bad_shape = bad_shape + thread:get("wrong")
	end
	local e = summary.errors
	io.write(string.format("RESULT requests=%d seconds=%.1f throughput=%.0f/s p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms "
		.. "checked=%d non2xx=%d wrong_shape=%d socket_errors=%d\n",
		summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
		latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
		latency.max / 1000, checked, bad_status, bad_shape,
		e.connect + e.read + e.write + e.timeout))
end
