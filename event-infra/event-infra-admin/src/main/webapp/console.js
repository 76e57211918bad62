// The Meridian console: a page over the admin REST API. The session's tokens live in this module's memory only
// (never in cookies or storage), so another site cannot make the browser act as the operator, and a reload signs
// out. Every value from the server is written as text (textContent), never as markup, so nothing in an event
// payload or an error message can become script.

const session = { accessToken: null, refreshToken: null, email: null, refreshTimer: null };
const deadLetters = { page: 0, total: 0, selected: null };

const $ = (id) => document.getElementById(id);

function say(message, failed = false) {
    $("status").textContent = message;
    $("status").classList.toggle("failure", failed);
}

class ApiError extends Error {
    constructor(status, problem) {
        super(problem.detail || problem.title || `HTTP ${status}`);
        this.status = status;
        this.problem = problem;
    }
}

async function call(method, path, body, retried = false) {
    const headers = { Accept: "application/json" };
    if (session.accessToken) {
        headers.Authorization = `Bearer ${session.accessToken}`;
    }
    if (body !== undefined) {
        headers["Content-Type"] = "application/json";
    }
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401 && session.refreshToken && !retried) {
        await refresh();
        return call(method, path, body, true);
    }
    const text = await response.text();
    const content = text ? JSON.parse(text) : null;
    if (!response.ok) {
        throw new ApiError(response.status, content || {});
    }
    return content;
}

function describe(error) {
    const violations = error.problem && error.problem.violations
        ? " " + error.problem.violations.map((v) => `${v.field}: ${v.message}`).join("; ") : "";
    return `${error.message}${violations}`;
}

// --- session ---

async function signIn(email, password) {
    const tokens = await call("POST", "/api/auth/sessions", { email, password });
    keep(tokens);
    session.email = email;
    try {
        await call("GET", "/admin/api/projections");
    } catch (error) {
        // the session just opened is of no use here: end it rather than leave it open
        await call("DELETE", "/api/auth/sessions/current").catch(() => undefined);
        forget();
        throw error.status === 403 ? new Error("This account is not an administrator") : error;
    }
}

function keep(tokens) {
    session.accessToken = tokens.accessToken;
    session.refreshToken = tokens.refreshToken;
    clearTimeout(session.refreshTimer);
    // a fresh access token shortly before this one expires
    session.refreshTimer = setTimeout(() => refresh().catch(() => signedOut("Your session ended")),
        Math.max(5, tokens.expiresIn - 30) * 1000);
}

async function refresh() {
    const refreshToken = session.refreshToken;
    session.accessToken = null;
    session.refreshToken = null;
    keep(await call("POST", "/api/auth/sessions/refresh", { refreshToken }));
}

function forget() {
    clearTimeout(session.refreshTimer);
    session.accessToken = null;
    session.refreshToken = null;
    session.email = null;
}

async function signOut() {
    try {
        await call("DELETE", "/api/auth/sessions/current");
    } finally {
        signedOut("Signed out");
    }
}

function signedOut(message) {
    live.controller?.abort();
    forget();
    show("sign-in-page");
    $("navigation").hidden = true;
    say(message);
}

function show(pageId) {
    for (const page of document.querySelectorAll("main > section")) {
        page.hidden = page.id !== pageId;
    }
}

// --- dead letters ---

function filterValues() {
    const form = new FormData($("dead-letter-filter"));
    const values = {};
    for (const [name, value] of form.entries()) {
        if (value) {
            values[name] = (name === "from" || name === "to") ? new Date(value).toISOString() : value;
        }
    }
    return values;
}

async function findDeadLetters(page = 0) {
    const filter = filterValues();
    const query = new URLSearchParams({ ...filter, page: String(page) });
    const found = await call("GET", `/admin/api/dead-letters?${query}`);
    deadLetters.page = found.page;
    deadLetters.total = found.total;
    const rows = $("dead-letter-table").tBodies[0];
    rows.replaceChildren(...found.items.map((letter) => row(letter)));
    const pages = Math.max(1, Math.ceil(found.total / found.size));
    // past a thousand matches the server stops counting: "more than" then, and the next page is there while pages are full
    const counted = found.totalExact ? `${found.total}` : `more than ${found.total}`;
    const plural = found.total === 1 && found.totalExact ? "" : "s";
    $("page-info").textContent = `Page ${found.page + 1} of ${found.totalExact ? pages : `${pages}+`}`
        + ` (${counted} dead letter${plural})`;
    $("previous-page").disabled = found.page === 0;
    $("next-page").disabled = found.totalExact ? found.page + 1 >= pages : found.items.length < found.size;
}

/** A table row of {@code values}, each written as text. */
function textRow(values) {
    const tr = document.createElement("tr");
    for (const value of values) {
        const td = document.createElement("td");
        td.textContent = value ?? "";
        tr.append(td);
    }
    return tr;
}

function row(letter) {
    const tr = textRow([letter.createdAt, letter.lastFailedAt, letter.consumer, letter.eventType, letter.streamId, letter.attempts,
        letter.status, letter.error]);
    tr.dataset.id = letter.id;
    tr.lastElementChild.className = "error";
    tr.addEventListener("click", () => openDeadLetter(letter.id).catch((error) => say(describe(error), true)));
    return tr;
}

async function openDeadLetter(id) {
    const letter = await call("GET", `/admin/api/dead-letters/${encodeURIComponent(id)}`);
    deadLetters.selected = letter;
    for (const tr of $("dead-letter-table").tBodies[0].rows) {
        tr.classList.toggle("selected", tr.dataset.id === id);
    }
    $("detail-id").textContent = letter.id;
    const fields = [["Status", letter.status], ["Consumer", letter.consumer], ["Event", letter.eventId],
        ["Event type", letter.eventType], ["Stream", letter.streamId], ["Attempts", letter.attempts],
        ["First failure", letter.firstFailedAt], ["Last failure", letter.lastFailedAt]];
    $("detail-fields").replaceChildren(...fields.flatMap(([name, value]) => {
        const dt = document.createElement("dt");
        dt.textContent = name;
        const dd = document.createElement("dd");
        dd.textContent = value ?? "";
        return [dt, dd];
    }));
    $("detail-error").textContent = letter.error ?? "";
    $("detail-payload").textContent = JSON.stringify(letter.payload, null, 2);
    $("detail-metadata").textContent = JSON.stringify(letter.metadata, null, 2);
    $("detail-stack-trace").textContent = letter.stackTrace ?? "";
    $("detail-history").tBodies[0].replaceChildren(...letter.history.map((action) =>
        textRow([action.at, action.action, action.actor, action.reason])));
    const open = letter.status === "PARKED";
    $("retry-one").disabled = !open;
    $("discard-one").disabled = letter.status === "RESOLVED" || letter.status === "DISCARDED";
    $("dead-letter-detail").hidden = false;
}

async function retrySelected() {
    const id = deadLetters.selected.id;
    await call("POST", `/admin/api/dead-letters/${encodeURIComponent(id)}/retry`);
    say(`Retry of ${id} requested`);
    // the redelivery runs in the background: show its outcome once it is there
    for (let attempt = 0; attempt < 20; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        await openDeadLetter(id);
        if (deadLetters.selected.status !== "PARKED") {
            break;
        }
    }
    say(`Dead letter ${id} is ${deadLetters.selected.status}`);
    await findDeadLetters(deadLetters.page);
}

async function discardSelected() {
    const id = deadLetters.selected.id;
    const reason = $("discard-reason").value.trim();
    if (!reason) {
        say("Say why it is discarded", true);
        return;
    }
    await call("POST", `/admin/api/dead-letters/${encodeURIComponent(id)}/discard`, { reason });
    $("discard-reason").value = "";
    await openDeadLetter(id);
    await findDeadLetters(deadLetters.page);
    say(`Dead letter ${id} discarded`);
}

function deadLettersCounted(count, kind = "") {
    return `${count} ${kind}dead letter${count === 1 ? "" : "s"}`;
}

async function retryMatching() {
    const filter = filterValues();
    const matching = Object.fromEntries(["consumer", "eventType", "from", "to", "q"]
        .filter((name) => filter[name]).map((name) => [name, filter[name]]));
    const query = new URLSearchParams({ ...matching, status: "PARKED" });
    const parked = await call("GET", `/admin/api/dead-letters/count?${query}`);
    if (parked.count === 0) {
        say("No parked dead letter matches");
        return;
    }
    $("confirm-text").textContent = `Retry ${deadLettersCounted(parked.count, "parked ")} matching this filter?`;
    $("confirm").showModal();
    $("confirm").onclose = async () => {
        if ($("confirm").returnValue !== "confirm") {
            say("Nothing retried");
            return;
        }
        try {
            const retried = await call("POST", "/admin/api/dead-letters/retry", matching);
            say(`Retry of ${deadLettersCounted(retried.count)} requested`);
            await findDeadLetters(deadLetters.page);
        } catch (error) {
            say(describe(error), true);
        }
    };
}

// --- events ---

const live = { controller: null, expired: false };

async function findEvents() {
    const form = new FormData($("event-filter"));
    const query = new URLSearchParams([...form.entries()].filter(([, value]) => value));
    const events = await call("GET", `/admin/api/events?${query}`);
    $("event-table").tBodies[0].replaceChildren(...events.map(eventRow));
    say(`${events.length} events`);
}

function eventRow(event) {
    const tr = textRow([event.globalPosition, event.occurredAt, event.type, event.streamId, event.streamVersion,
        event.correlationId]);
    tr.dataset.position = event.globalPosition;
    tr.addEventListener("click", () => {
        $("event-id").textContent = event.eventId;
        $("event-json").textContent = JSON.stringify(event, null, 2);
        $("event-detail").hidden = false;
    });
    // one click on a correlation id follows it across modules
    const correlation = tr.cells[5];
    if (event.correlationId) {
        correlation.classList.add("link");
        correlation.addEventListener("click", guarded(async () => {
            $("event-filter").reset();
            $("event-filter").elements.correlationId.value = event.correlationId;
            await findEvents();
        }));
    }
    return tr;
}

async function followLive() {
    if (live.controller) {
        live.controller.abort();
        return;
    }
    live.controller = new AbortController();
    $("follow-live").textContent = "Stop following";
    say("Following new events");
    try {
        // fetch rather than EventSource: EventSource cannot send the bearer token
        const response = await fetch("/admin/api/events/live", {
            headers: { Authorization: `Bearer ${session.accessToken}`, Accept: "text/event-stream" },
            signal: live.controller.signal,
        });
        if (!response.ok) {
            throw new ApiError(response.status, {});
        }
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = "";
        for (;;) {
            const { value, done } = await reader.read();
            if (done) {
                break;
            }
            buffer += value;
            let end;
            while ((end = buffer.indexOf("\n\n")) >= 0) {
                const message = buffer.slice(0, end);
                buffer = buffer.slice(end + 2);
                const lines = message.split("\n");
                const name = lines.filter((line) => line.startsWith("event:"))
                    .map((line) => line.slice(6).trim())[0];
                const data = lines.filter((line) => line.startsWith("data:"))
                    .map((line) => line.slice(5).trimStart()).join("\n");
                if (name === "expired") {
                    // the server ends the feed with the token it was opened with; following again uses a fresh one
                    live.expired = true;
                } else if (data) {
                    $("event-table").tBodies[0].prepend(eventRow(JSON.parse(data)));
                }
            }
        }
    } catch (error) {
        if (error.name !== "AbortError") {
            throw error;
        }
    } finally {
        live.controller = null;
        $("follow-live").textContent = "Follow new events";
        say(live.expired ? "Stopped following new events: the session's token expired; follow again to go on"
            : "Stopped following new events");
        live.expired = false;
    }
}

// --- processes ---

async function findProcesses() {
    const form = new FormData($("process-filter"));
    const query = new URLSearchParams([...form.entries()].filter(([, value]) => value));
    const found = await call("GET", `/admin/api/processes?${query}`);
    $("process-table").tBodies[0].replaceChildren(...found.items.map((process) => {
        const tr = textRow([process.startedAt, process.type, process.subjectId, process.status, process.outcome,
            process.endedAt]);
        tr.dataset.id = process.id;
        tr.addEventListener("click", () => openProcess(process.id).catch((error) => say(describe(error), true)));
        return tr;
    }));
    say(`${found.total} processes`);
}

async function openProcess(id) {
    const detail = await call("GET", `/admin/api/processes/${encodeURIComponent(id)}`);
    $("process-id").textContent = detail.process.id;
    $("process-lra").textContent = detail.process.lraId ?? "";
    $("process-steps").tBodies[0].replaceChildren(...detail.steps.map((step) =>
        textRow([step.at, step.module, step.step, step.detail])));
    $("process-detail").hidden = false;
}

// --- projections ---

let projectionPolling = null;
const followedRebuilds = new Set();

async function showProjections() {
    clearTimeout(projectionPolling);
    const projections = await call("GET", "/admin/api/projections");
    $("projection-table").tBodies[0].replaceChildren(...projections.map(projectionRow));
    // a rebuild followed here says when it is done
    for (const projection of projections) {
        if (projection.state === "REBUILDING") {
            followedRebuilds.add(projection.name);
        } else if (followedRebuilds.delete(projection.name)) {
            say(`${projection.name} rebuilt: ${projection.rebuildDone} events replayed`);
        }
    }
    // a rebuild's progress moves on its own: follow it while this page is shown
    if (projections.some((projection) => projection.state === "REBUILDING") && !$("projections-page").hidden) {
        projectionPolling = setTimeout(() => showProjections().catch((error) => say(describe(error), true)), 1000);
    }
}

function projectionRow(projection) {
    const rebuilding = projection.state === "REBUILDING";
    const tr = textRow([projection.name, projection.module, projection.state, projection.checkpoint,
        projection.lag, "", rebuilding ? `${Math.round(projection.eventsPerSecond)}/s` : "",
        rebuilding ? `${projection.secondsLeft} s` : "", projection.error, projection.rebuiltBy, ""]);
    tr.dataset.name = projection.name;
    const progress = document.createElement("progress");
    progress.max = Math.max(1, projection.rebuildTotal);
    progress.value = projection.rebuildDone;
    const done = document.createElement("span");
    done.textContent = ` ${projection.rebuildDone} / ${projection.rebuildTotal}`;
    tr.cells[5].className = "progress";
    tr.cells[5].append(progress, done);
    const rebuild = document.createElement("button");
    rebuild.type = "button";
    rebuild.textContent = "Rebuild";
    rebuild.disabled = rebuilding;
    rebuild.addEventListener("click", guarded(() => rebuildProjection(projection.name)));
    tr.cells[10].append(rebuild);
    return tr;
}

async function rebuildProjection(name) {
    if (!window.confirm(`Rebuild ${name} from the event store? Its tables are emptied and filled again.`)) {
        return;
    }
    await call("POST", `/admin/api/projections/${encodeURIComponent(name)}/rebuild`);
    // a small one may be done before the table is read again
    followedRebuilds.add(name);
    say(`Rebuilding ${name}`);
    await showProjections();
}

// --- dashboard ---

const dashboard = { charts: {}, refresh: null };
const DASHBOARD_REFRESH_MILLIS = 10_000;
const BLUE = "#3b6fd4";
const COUNT_AXIS = { beginAtZero: true, ticks: { precision: 0 } };

async function showDashboard() {
    clearTimeout(dashboard.refresh);
    const today = new Date();
    const days = Array.from({ length: 30 }, (_, back) =>
        new Date(today.getTime() - (29 - back) * 86_400_000).toISOString().slice(0, 10));
    const range = new URLSearchParams({ from: days[0], to: days[days.length - 1] });
    const [signUps, logins, summary, delivery] = await Promise.all([
        call("GET", `/api/analytics/signups?${range}`), call("GET", `/api/analytics/logins?${range}`),
        call("GET", "/api/analytics/summary"), call("GET", "/admin/api/delivery")]);

    const figures = [["Users", summary.totalUsers], ["Active in 24 h", summary.activeUsersLast24h],
        ["Active in 7 d", summary.activeUsersLast7d], ["Active in 30 d", summary.activeUsersLast30d],
        ["Sign-ins in 24 h", summary.loginsLast24h],
        ["Parked now", delivery.consumers.reduce((sum, consumer) => sum + consumer.parked, 0)]];
    $("figures").replaceChildren(...figures.flatMap(([name, value]) => {
        const dt = document.createElement("dt");
        dt.textContent = name;
        const dd = document.createElement("dd");
        dd.textContent = value;
        dd.dataset.figure = name;
        return [dt, dd];
    }));

    // days without any are not in the answers: they show as 0
    const perDay = (counts) => {
        const byDay = new Map(counts.map((day) => [day.date, day.count]));
        return days.map((day) => byDay.get(day) ?? 0);
    };
    chart("chart-signups", "bar", days, [{ label: "sign-ups", data: perDay(signUps), backgroundColor: BLUE }]);
    chart("chart-logins", "line", days, [{ label: "sign-ins", data: perDay(logins), borderColor: BLUE }]);
    const types = Object.entries(summary.eventsByType).sort(([, a], [, b]) => b - a);
    chart("chart-event-types", "bar", types.map(([type]) => type),
        [{ label: "events", data: types.map(([, count]) => count), backgroundColor: BLUE }], {
            indexAxis: "y",
            // every type named, however many
            scales: { x: COUNT_AXIS, y: { ticks: { autoSkip: false } } },
        });
    chart("chart-relay-lag", "bar", delivery.relays.map((relay) => relay.topic),
        [{ label: "lag", data: delivery.relays.map((relay) => relay.lag), backgroundColor: "#d48a3b" }]);
    const consumers = delivery.consumers.map((consumer) => consumer.consumer);
    chart("chart-dead-letters", "bar", consumers, [
        { label: "parked", data: delivery.consumers.map((consumer) => consumer.parked), backgroundColor: "#c2383d" },
        { label: "waiting", data: delivery.consumers.map((consumer) => consumer.waiting), backgroundColor: "#e6a23c" },
        { label: "parked in 24 h", data: delivery.consumers.map((consumer) => consumer.parkedLast24h),
            backgroundColor: "#8a8f99" }]);
    chart("chart-retries", "bar", consumers, [{ label: "retries",
        data: delivery.consumers.map((consumer) => consumer.retriesSinceStart), backgroundColor: "#7b5cc4" }]);

    $("consumer-table").tBodies[0].replaceChildren(...delivery.consumers.map((consumer) => textRow([
        consumer.consumer, consumer.parked, consumer.waiting, consumer.parkedLast24h, consumer.retriesSinceStart,
        consumer.unaccounted, consumer.firstUnaccounted ?? "—"])));
    $("relay-table").tBodies[0].replaceChildren(...delivery.relays.map((relay) => textRow([
        relay.topic, relay.position, relay.lag, relay.relayedTotal, relay.relayedBy, relay.updatedAt])));
    say(`Dashboard as of ${new Date().toLocaleTimeString()}`);
    // fresh figures while the page is shown; another page, or signing out, ends it
    dashboard.refresh = setTimeout(() => {
        if (session.accessToken && !$("dashboard-page").hidden) {
            showDashboard().catch((error) => say(describe(error), true));
        }
    }, DASHBOARD_REFRESH_MILLIS);
}

/** Draws a chart on the canvas {@code id}, replacing the one drawn there before. Chart.js draws text on the canvas. */
function chart(id, type, labels, datasets, options = {}) {
    dashboard.charts[id]?.destroy();
    dashboard.charts[id] = new window.Chart($(id), {
        type,
        data: { labels, datasets },
        options: {
            animation: false,
            maintainAspectRatio: false,
            plugins: { legend: { display: datasets.length > 1 } },
            scales: { y: COUNT_AXIS },
            ...options,
        },
    });
}

// --- navigation ---

const pages = {
    "#dead-letters": ["dead-letters-page", () => findDeadLetters(deadLetters.page)],
    "#events": ["events-page", findEvents],
    "#processes": ["processes-page", findProcesses],
    "#projections": ["projections-page", showProjections],
    "#dashboard": ["dashboard-page", showDashboard],
};

async function navigate() {
    if (!session.accessToken) {
        return;
    }
    const [pageId, load] = pages[location.hash] ?? pages["#dead-letters"];
    show(pageId);
    await load();
}

// --- wiring ---

function guarded(action) {
    return (event) => {
        event?.preventDefault();
        action().catch((error) => say(describe(error), true));
    };
}

$("sign-in").addEventListener("submit", guarded(async () => {
    const form = new FormData($("sign-in"));
    await signIn(form.get("email"), form.get("password"));
    $("sign-in").reset();
    $("signed-in-as").textContent = session.email;
    $("navigation").hidden = false;
    say(`Signed in as ${session.email}`);
    await navigate();
}));
window.addEventListener("hashchange", guarded(navigate));
$("process-filter").addEventListener("submit", guarded(findProcesses));
$("event-filter").addEventListener("submit", guarded(findEvents));
$("follow-live").addEventListener("click", guarded(followLive));
$("sign-out").addEventListener("click", guarded(signOut));
$("dead-letter-filter").addEventListener("submit", guarded(() => findDeadLetters(0)));
$("previous-page").addEventListener("click", guarded(() => findDeadLetters(deadLetters.page - 1)));
$("next-page").addEventListener("click", guarded(() => findDeadLetters(deadLetters.page + 1)));
$("retry-one").addEventListener("click", guarded(retrySelected));
$("discard-one").addEventListener("click", guarded(discardSelected));
$("retry-matching").addEventListener("click", guarded(retryMatching));
