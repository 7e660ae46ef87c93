-- DropIndex
DROP INDEX "RevocationCheck_sweepId_idx";

-- AlterTable
ALTER TABLE "RevocationSweep" ADD COLUMN "heartbeatAt" DATETIME;

-- CreateIndex
CREATE INDEX "RevocationCheck_sweepId_certificateId_idx" ON "RevocationCheck"("sweepId", "certificateId");


