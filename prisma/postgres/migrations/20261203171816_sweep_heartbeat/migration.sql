-- DropIndex
DROP INDEX "RevocationCheck_sweepId_idx";

-- AlterTable
ALTER TABLE "RevocationSweep" ADD COLUMN     "heartbeatAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "RevocationCheck_sweepId_certificateId_idx" ON "RevocationCheck"("sweepId", "certificateId");


