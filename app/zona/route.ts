import { NextResponse, type NextRequest } from "next/server";

/** Target of the zone selector form when JavaScript is off: ?code=UMB-11 → /zone/UMB-11. */
export function GET(request: NextRequest) {
  const code = request.nextUrl.searchParams.get("code") ?? "";
  const target = /^[A-Z]{3}-[0-9]{2}$/.test(code) ? `/zone/${code}` : "/";
  return NextResponse.redirect(new URL(target, request.url), 303);
}
