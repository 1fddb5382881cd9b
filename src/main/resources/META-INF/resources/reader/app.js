// The live part of the reader. The page works without it; with it, changes from /feed/stream appear at the top.
// Article text is untrusted: every node is made with createElement and filled with textContent, never innerHTML
// (the page's Trusted Types policy would refuse that anyway), and links are built from ids, never from text.
(() => {
    "use strict";

    const root = document.documentElement;
    const list = document.getElementById("articles");
    const status = document.getElementById("status");
    const empty = document.getElementById("empty");
    const help = document.getElementById("help");
    const search = document.getElementById("q");
    const baseTitle = document.title;

    // CSP violations are counted where a test (or a curious reader in devtools) can see them.
    let violations = 0;
    root.dataset.cspViolations = "0";
    document.addEventListener("securitypolicyviolation", (event) => {
        violations += 1;
        root.dataset.cspViolations = String(violations);
        console.warn("CSP violation:", event.violatedDirective, event.blockedURI);
    });

    // The same words as the server's RelativeTime, so live and rendered items read alike.
    const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    function ago(then) {
        const seconds = Math.max(0, Math.floor((Date.now() - then.getTime()) / 1000));
        if (seconds < 60) return "just now";
        if (seconds < 3600) return Math.floor(seconds / 60) + " min ago";
        if (seconds < 86400) return Math.floor(seconds / 3600) + " h ago";
        if (seconds < 7 * 86400) {
            const days = Math.floor(seconds / 86400);
            return days === 1 ? "yesterday" : days + " days ago";
        }
        return then.getUTCDate() + " " + months[then.getUTCMonth()] + " " + then.getUTCFullYear();
    }

    function refreshTimes() {
        for (const time of document.querySelectorAll("time[datetime]")) {
            time.textContent = ago(new Date(time.dateTime));
        }
    }

    function node(tag, className, text) {
        const element = document.createElement(tag);
        if (className) element.className = className;
        if (text !== undefined && text !== null) element.textContent = text;
        return element;
    }

    function chips(tags) {
        const chipList = node("ul", "chips");
        chipList.setAttribute("aria-label", "Tags");
        for (const tag of tags) {
            const link = node("a", "chip", tag);
            link.href = "/?tag=" + encodeURIComponent(tag);
            const item = node("li");
            item.append(link);
            chipList.append(item);
        }
        return chipList;
    }

    // Mirrors the item of list.html.
    function card(article, mark) {
        const item = node("li", "item fresh");
        item.dataset.id = article.id;
        item.dataset.hash = article.contentHash;
        const body = node("article", "card");
        const title = node("h2", "title");
        const link = node("a", null, article.title);
        link.href = "/read/" + encodeURIComponent(article.id);
        title.append(node("span", "mark", mark), " ", link);
        body.append(title);
        if (article.subtitle) body.append(node("p", "subtitle", article.subtitle));
        if (article.summary) body.append(node("p", "summary", article.summary));
        const meta = node("p", "meta");
        const time = node("time", null, ago(new Date(article.publishedAt)));
        time.dateTime = article.publishedAt;
        time.title = new Date(article.publishedAt).toUTCString();
        meta.append(node("span", "source", article.source), " ",
            node("span", "minutes", Math.max(1, article.readingMinutes || 1) + " min read"), " ", time);
        if (article.updatedAt !== article.publishedAt) meta.append(" ", node("span", "edited", "edited"));
        body.append(meta);
        if (article.tags && article.tags.length) body.append(chips(article.tags));
        item.append(body);
        return item;
    }

    // What the page shows, by id: the rendered items first, then live ones. A change for a version already
    // shown (the stream replays from the page's own token, and again after a reconnect) changes nothing.
    const shown = new Map();
    let unseen = 0;

    function countUnseen(by) {
        unseen = by === 0 ? 0 : unseen + by;
        document.title = unseen > 0 ? "(" + unseen + ") " + baseTitle : baseTitle;
    }

    function apply(change) {
        const current = shown.get(change.id);
        if (change.type === "retracted") {
            if (current) {
                current.remove();
                shown.delete(change.id);
            }
        } else if (change.article && !(current && current.dataset.hash === change.article.contentHash)) {
            if (current) current.remove();
            const item = card(change.article, current || change.type === "updated" ? "updated" : "new");
            list.prepend(item);
            shown.set(change.id, item);
            countUnseen(1);
        }
        if (empty) empty.hidden = shown.size > 0;
    }

    function setState(state, text) {
        status.hidden = false;
        status.dataset.state = state;
        status.textContent = text;
    }

    // EventSource resumes by itself after a dropped connection, sending Last-Event-ID. It gives up for good
    // when the server answers with an error (a 503 while a restarted instance catches up): then a new one
    // starts from the last event id, with a growing pause.
    let lastEventId = null;
    let retryDelay = 1000;
    let source = null;
    let retry = null;

    function connect() {
        retry = null;
        const url = new URL(list.dataset.stream, location.href);
        if (lastEventId) url.searchParams.set("since", lastEventId);
        source = new EventSource(url.pathname + url.search);
        source.onopen = () => {
            retryDelay = 1000;
            setState("live", "Live");
        };
        source.onmessage = (event) => {
            if (event.lastEventId) lastEventId = event.lastEventId;
            apply(JSON.parse(event.data));
        };
        source.onerror = () => {
            setState("reconnecting", "Reconnecting…");
            if (source.readyState === EventSource.CLOSED) {
                retry = setTimeout(connect, retryDelay);
                retryDelay = Math.min(retryDelay * 2, 30000);
            }
        };
    }

    if (list) {
        for (const item of list.querySelectorAll("li.item")) shown.set(item.dataset.id, item);
        if (list.dataset.stream) {
            setState("connecting", "Connecting…");
            connect();
            // A page left for another is kept by the browser's back/forward cache with its stream still open, and a
            // browser opens six connections to a host at most: the seventh page would wait for one. The stream ends
            // when the page is left, and resumes from its last event when the page is shown again.
            window.addEventListener("pagehide", () => {
                if (source) source.close();
                if (retry) clearTimeout(retry);
                source = null;
                retry = null;
            });
            window.addEventListener("pageshow", (event) => {
                if (event.persisted && !source && !retry) {
                    setState("connecting", "Connecting…");
                    connect();
                }
            });
        }
    }
    refreshTimes();
    setInterval(refreshTimes, 30000);
    document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "visible") countUnseen(0);
    });

    // Keyboard, as in Miniflux: j/k move between articles, o or Enter opens one, / searches, ? shows help.
    function items() {
        return list ? Array.from(list.querySelectorAll("li.item")) : [];
    }

    function move(step) {
        const all = items();
        if (all.length === 0) return;
        const current = all.findIndex((item) => item.classList.contains("current"));
        const next = current < 0 ? (step > 0 ? 0 : all.length - 1)
            : Math.min(all.length - 1, Math.max(0, current + step));
        if (current >= 0) all[current].classList.remove("current");
        all[next].classList.add("current");
        const link = all[next].querySelector("h2 a");
        link.focus({ preventScroll: true });
        all[next].scrollIntoView({ block: "nearest" });
    }

    function open() {
        const current = list && list.querySelector("li.item.current h2 a");
        if (current) current.click();
    }

    function toggleHelp() {
        if (help.open) help.close();
        else help.showModal();
    }

    document.getElementById("help-close").addEventListener("click", () => help.close());

    document.addEventListener("keydown", (event) => {
        if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
        const target = event.target;
        if (target.closest("input, textarea, select, [contenteditable]")) {
            if (event.key === "Escape") target.blur();
            return;
        }
        if (help.open && event.key !== "?") return;
        switch (event.key) {
            case "j": move(1); break;
            case "k": move(-1); break;
            case "o": open(); break;
            case "Enter":
                // A focused link opens by itself; Enter elsewhere opens the current article.
                if (target.closest("a, button")) return;
                open();
                break;
            case "/":
                if (!search) return;
                search.focus();
                search.select();
                break;
            case "?": toggleHelp(); break;
            default: return;
        }
        event.preventDefault();
    });
})();
