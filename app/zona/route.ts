import { NextResponse, type NextRequest } from "next/server";
import { ZONE_CODE } from "@/lib/territory/zone-code";

/** Target of the zone selector form when JavaScript is off: ?code=UMB-11 → /zone/UMB-11. */
export function GET(request: NextRequest) {
  const code = request.nextUrl.searchParams.get("code") ?? "";
  const target = ZONE_CODE.test(code) ? `/zone/${code}` : "/";
  return NextResponse.redirect(new URL(target, request.url), 303);
}
