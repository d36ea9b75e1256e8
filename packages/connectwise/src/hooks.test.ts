import { describe, expect, it, vi } from "vitest";
import {
  composeWrappers,
  runObserver,
  type PipelineRequest,
  type Send,
  type Wrapper,
} from "./hooks.js";

const request: PipelineRequest = {
  method: "GET",
  path: "/x",
  idempotent: true,
  priority: "normal",
  attempt: 1,
};

describe("composeWrappers", () => {
  it("applies wrappers so that the last one added is the outermost", async () => {
    const order: string[] = [];
    const base: Send = (req) => {
      order.push(`base ${req.path}`);
      return Promise.resolve({ status: 200, headers: new Headers(), data: req.attempt, url: "" });
    };
    const tag =
      (name: string): Wrapper =>
      async (next, req) => {
        order.push(`${name} in`);
        const response = await next({ ...req, path: `${req.path}/${name}` });
        order.push(`${name} out`);
        return response;
      };
    const send = composeWrappers(base, [tag("throttle"), tag("retry")]);
    await send(request);
    expect(order).toEqual([
      "retry in",
      "throttle in",
      "base /x/retry/throttle",
      "throttle out",
      "retry out",
    ]);
  });
});

describe("runObserver", () => {
  it("logs and swallows observer failures", async () => {
    const warn = vi.fn();
    const log = { debug: vi.fn(), info: vi.fn(), warn, error: vi.fn() };
    await runObserver(log, "after", () => Promise.reject(new Error("boom")));
    expect(warn).toHaveBeenCalledWith("connectwise: after hook failed", { error: "boom" });
  });
});
